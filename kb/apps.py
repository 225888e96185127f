from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Bilgi bankası"

    def ready(self) -> None:
        from kb import freshness, hosting

        freshness.connect_signals()
        hosting.connect_signals()
