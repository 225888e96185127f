"""What several models share: Markdown fields and the HTML rendered from them at save, and
the natural key (one unique field) fixtures and backups refer to rows by."""

from django.db import models

MARKDOWN_HELP = (
    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) bağlantı için."
)


def markdown(label: str, **options) -> models.TextField:
    """A text editors write in Markdown; the help text says how."""
    help_text = " ".join(filter(None, [options.pop("help_text", ""), MARKDOWN_HELP]))
    return models.TextField(label, help_text=help_text, **options)


def rendered_html() -> models.TextField:
    """The sanitized HTML of a Markdown field (kb/rendering.py), written at save so that no
    request renders Markdown. Never edited; list it in the model's `rendered_fields`, which
    its history leaves out (`excluded_fields=[*rendered_fields, …]`)."""
    return models.TextField(editable=False, default="")


class RenderedAtSave(models.Model):
    """A model with Markdown fields. `render()` fills their HTML (and anything else derived
    from the text) in memory; every save renders first, so that no request renders
    Markdown, and a save limited by `update_fields` writes `rendered_fields` with it."""

    rendered_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if self.needs_render(update_fields):
            self.render()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *self.rendered_fields}
        super().save(*args, **kwargs)

    def render(self) -> None:
        raise NotImplementedError

    def needs_render(self, update_fields) -> bool:
        """Whether a save of `update_fields` (None: every field) can change the HTML."""
        return True


class NaturalKeyQuerySet(models.QuerySet):
    """Finds a row by its natural key: the model's one `NATURAL_KEY` field."""

    def get_by_natural_key(self, key: str):
        return self.get(**{self.model.NATURAL_KEY: key})


class NaturalKey:
    """A model that fixtures, `loaddata` and backups refer to by one unique field (its code
    or slug) rather than by id; its manager comes from a `NaturalKeyQuerySet`."""

    NATURAL_KEY = ""

    def natural_key(self) -> tuple[str]:
        return (getattr(self, self.NATURAL_KEY),)
