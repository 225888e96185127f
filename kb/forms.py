"""Forms for readers' comments and the "what was missing?" answer after a "Hayır" vote."""

from django import forms
from django.core import signing

from kb import guards

COMMENT_MIN_LENGTH = 10
COMMENT_MAX_LENGTH = 2000
MISSING_MAX_LENGTH = 500
MISSING_TOKEN_SALT = "kb.feedback.missing"
MISSING_TOKEN_MAX_AGE = 24 * 60 * 60


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Adınız",
        min_length=2,
        max_length=60,
        error_messages={
            "required": "Adınızı yazın; takma ad da olur.",
            "min_length": "Adınız en az 2 karakter olmalı.",
            "max_length": "Adınız en fazla 60 karakter olabilir.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-posta adresiniz (isteğe bağlı)",
        required=False,
        max_length=254,
        help_text="Yayınlanmaz; yalnızca destek ekibi size yazmak isterse kullanılır.",
        error_messages={"invalid": "Geçerli bir e-posta adresi yazın ya da alanı boş bırakın."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Yorumunuz",
        min_length=COMMENT_MIN_LENGTH,
        max_length=COMMENT_MAX_LENGTH,
        help_text=(
            f"En az {COMMENT_MIN_LENGTH}, en fazla {COMMENT_MAX_LENGTH} karakter, "
            f"en çok {guards.MAX_LINKS} bağlantı. Destek ekibi onayladıktan sonra yayınlanır."
        ),
        error_messages={
            "required": "Yorumunuzu yazın.",
            "min_length": f"Yorumunuz en az {COMMENT_MIN_LENGTH} karakter olmalı.",
            "max_length": (
                f"Yorumunuz en fazla {COMMENT_MAX_LENGTH} karakter olabilir "
                "(şu an %(show_value)d karakter)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # The honeypot: hidden from people by the "hp" CSS class, filled in by form-filling bots.
    website = forms.CharField(
        label="Bu alanı boş bırakın",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "yorum-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        links = guards.count_links(body)
        if links > guards.MAX_LINKS:
            raise forms.ValidationError(
                f"Yorumunuzda {links} bağlantı var; en fazla {guards.MAX_LINKS} bağlantıya "
                "izin veriyoruz. Fazla olanları çıkarıp yeniden gönderin."
            )
        return body

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                "Yorumunuz otomatik bir gönderim gibi göründüğü için kaydedilmedi. Bir insansanız "
                "tarayıcınızın otomatik doldurma özelliğini kapatıp yeniden gönderin."
            )
        return cleaned


class MissingForm(forms.Form):
    """The optional "Ne eksikti?" answer; `vote` is a signed, expiring reference to the vote."""

    vote = forms.CharField(widget=forms.HiddenInput)
    missing = forms.CharField(
        label="Bu sayfada ne eksikti?",
        max_length=MISSING_MAX_LENGTH,
        help_text=f"İsteğe bağlı; en fazla {MISSING_MAX_LENGTH} karakter. Yayınlanmaz.",
        error_messages={
            "required": "Eksik olanı birkaç kelimeyle yazın.",
            "max_length": (
                f"En fazla {MISSING_MAX_LENGTH} karakter yazabilirsiniz "
                "(şu an %(show_value)d karakter)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "eksik-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def sign(vote_pk: int) -> str:
        return signing.dumps(vote_pk, salt=MISSING_TOKEN_SALT)

    def clean_vote(self) -> int:
        try:
            return signing.loads(
                self.cleaned_data["vote"], salt=MISSING_TOKEN_SALT, max_age=MISSING_TOKEN_MAX_AGE
            )
        except signing.BadSignature as error:
            raise forms.ValidationError(
                "Bu formun süresi dolmuş. Sayfaya dönüp «Hayır»ı yeniden seçebilirsiniz."
            ) from error
