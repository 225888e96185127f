"""Version history of the editable content (django-simple-history), named in Turkish."""

from simple_history.models import HistoricalRecords


def versions(name: str, **options) -> HistoricalRecords:
    """The history of a model whose objects are called `name`: the admin lists its rows as
    «<name> sürümü» / «<name> sürümleri»."""
    return HistoricalRecords(
        verbose_name=f"{name} sürümü", verbose_name_plural=f"{name} sürümleri", **options
    )
