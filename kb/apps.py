from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "Bilgi bankası"

    def ready(self) -> None:
        from django.conf import settings

        from kb import freshness, guards, hosting

        freshness.connect_signals()
        hosting.connect_signals()
        guards.trusted_proxies(tuple(settings.KB_TRUSTED_PROXIES))  # a typo fails at start
