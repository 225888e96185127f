# The seed-post model had one remedy column; pages now answer the customer and the
# mail admin separately. The old remedy text becomes the customer remedy, so no
# existing content is lost.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="replycode",
            old_name="remedy",
            new_name="remedy_customer",
        ),
        migrations.AlterField(
            model_name="replycode",
            name="remedy_customer",
            field=models.TextField(
                help_text=(
                    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
                    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) "
                    "bağlantı için."
                ),
                verbose_name="müşteri ne yapmalı",
            ),
        ),
        migrations.AddField(
            model_name="replycode",
            name="remedy_admin",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
                    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) "
                    "bağlantı için."
                ),
                verbose_name="yönetici / destek ne kontrol etmeli",
            ),
        ),
        migrations.AddField(
            model_name="replycode",
            name="retry_note",
            field=models.TextField(
                blank=True,
                help_text="Gönderen sunucu yeniden dener mi, müşteri yeniden göndermeli mi?",
                verbose_name="geçici mi, kalıcı mı?",
            ),
        ),
        migrations.AddField(
            model_name="replycode",
            name="examples",
            field=models.TextField(
                blank=True,
                help_text="Her satıra bir örnek: «Sağlayıcı | sunucunun yanıtı».",
                verbose_name="örnek sunucu mesajları",
            ),
        ),
        migrations.AddField(
            model_name="replycode",
            name="related",
            field=models.ManyToManyField(
                blank=True, symmetrical=False, to="kb.replycode", verbose_name="ilgili kodlar"
            ),
        ),
        migrations.AlterField(
            model_name="replycode",
            name="meaning",
            field=models.TextField(
                help_text=(
                    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
                    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) "
                    "bağlantı için."
                ),
                verbose_name="anlamı",
            ),
        ),
    ]
