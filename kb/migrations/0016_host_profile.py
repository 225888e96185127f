# The host profile (kb/models/host_profile.py): one row with neutral defaults (RFC 2606
# example names, an RFC 5737 TEST-NET address), which staff then edit in the admin.

import django.db.models.deletion
import kb.models.host_profile
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def create_profile(apps, schema_editor):
    HostProfile = apps.get_model("kb", "HostProfile")
    HostProfile.objects.get_or_create(pk=1)


class Migration(migrations.Migration):

    dependencies = [
        ('kb', '0015_normalize_stored_text'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HostProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('company_name', models.CharField(default='Firmamız', help_text='Müşteriye görünen adımız; içerikte {company} yer tutucusu.', max_length=120, verbose_name='firma adı')),
                ('smtp_host', models.CharField(default='mail.example.com', help_text='Müşterilerin e-posta programına yazdığı giden sunucu adı.', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='giden posta sunucusu (SMTP)')),
                ('smtp_port_starttls', models.PositiveIntegerField(default=587, verbose_name='SMTP portu (STARTTLS)')),
                ('smtp_port_ssl', models.PositiveIntegerField(default=465, verbose_name='SMTP portu (SSL/TLS)')),
                ('imap_host', models.CharField(default='mail.example.com', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='gelen posta sunucusu (IMAP)')),
                ('pop3_host', models.CharField(default='mail.example.com', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='gelen posta sunucusu (POP3)')),
                ('webmail_url', models.URLField(default='https://webmail.example.com/', max_length=300, verbose_name='web posta adresi')),
                ('spf_include', models.CharField(default='include:_spf.example.com', help_text='Müşterinin SPF kaydına ekleyeceği mekanizmanın tamamı; örn. include:_spf.example.com.', max_length=260, validators=[kb.models.host_profile.validate_spf_include], verbose_name='SPF include mekanizması')),
                ('dkim_selector', models.CharField(default='default', help_text='DKIM anahtarının yayımlandığı ad: «seçici»._domainkey.«alan adı».', max_length=63, validators=[kb.models.host_profile.validate_dkim_selector], verbose_name='DKIM seçicisi')),
                ('mx_hosts', models.TextField(default='mx1.example.com\nmx2.example.com', help_text='Her satıra bir sunucu adı; müşterinin MX kayıtlarında olması gerekenler.', validators=[kb.models.host_profile.validate_hosts], verbose_name='MX sunucuları')),
                ('outgoing_ips', models.TextField(default='192.0.2.25', help_text='Her satıra bir IPv4 ya da IPv6 adresi; giden postamızın çıktığı adresler.', validators=[kb.models.host_profile.validate_ips], verbose_name='giden IP adresleri')),
                ('panel', models.CharField(choices=[('cpanel', 'cPanel'), ('plesk', 'Plesk'), ('directadmin', 'DirectAdmin'), ('own', 'Kendi panelimiz')], default='cpanel', max_length=20, verbose_name='kontrol paneli')),
                ('panel_dns_path', models.CharField(default='cPanel › Alan Adları › Zone Editor', help_text='Müşterinin tıklayacağı yol; örn. cPanel › Alan Adları › Zone Editor.', max_length=200, verbose_name='panelde DNS bölgesinin yolu')),
                ('panel_email_path', models.CharField(default='cPanel › E-posta › E-posta Hesapları', max_length=200, verbose_name='panelde e-posta hesaplarının yolu')),
                ('panel_dkim_path', models.CharField(default='cPanel › E-posta › E-posta Teslim Edilebilirliği', max_length=200, verbose_name='panelde DKIM ayarının yolu')),
                ('ptr_request', models.TextField(default='PTR (ters DNS) kaydı için destek ekibimize IP adresini ve kayıtta görmek istediğiniz sunucu adını yazarak talep açın.', help_text='Müşteriye bir iki cümleyle: PTR kaydını kimden, nasıl ister.', verbose_name='PTR kaydı nasıl istenir')),
                ('queue_retry_hours', models.PositiveIntegerField(default=120, help_text="Sunucumuz geçici bir hatada iletiyi kaç saat yeniden dener; sonra teslim edilemedi bildirimi gönderir (Postfix'te maximal_queue_lifetime). 120 saat = 5 gün.", validators=[kb.models.host_profile.validate_hours], verbose_name='kuyrukta yeniden deneme süresi (saat)')),
                ('support_url', models.CharField(blank=True, help_text='{code} yerine SMTP kodu, {details} yerine sorunun ayrıntısı yazılır. Boş bırakılırsa KB_SUPPORT_URL ayarı kullanılır.', max_length=500, verbose_name='destek talebi adresi')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='son güncelleme')),
            ],
            options={
                'verbose_name': 'barındırma profili',
                'verbose_name_plural': 'barındırma profili',
            },
        ),
        migrations.CreateModel(
            name='HistoricalHostProfile',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('company_name', models.CharField(default='Firmamız', help_text='Müşteriye görünen adımız; içerikte {company} yer tutucusu.', max_length=120, verbose_name='firma adı')),
                ('smtp_host', models.CharField(default='mail.example.com', help_text='Müşterilerin e-posta programına yazdığı giden sunucu adı.', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='giden posta sunucusu (SMTP)')),
                ('smtp_port_starttls', models.PositiveIntegerField(default=587, verbose_name='SMTP portu (STARTTLS)')),
                ('smtp_port_ssl', models.PositiveIntegerField(default=465, verbose_name='SMTP portu (SSL/TLS)')),
                ('imap_host', models.CharField(default='mail.example.com', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='gelen posta sunucusu (IMAP)')),
                ('pop3_host', models.CharField(default='mail.example.com', max_length=253, validators=[kb.models.host_profile.validate_hosts], verbose_name='gelen posta sunucusu (POP3)')),
                ('webmail_url', models.URLField(default='https://webmail.example.com/', max_length=300, verbose_name='web posta adresi')),
                ('spf_include', models.CharField(default='include:_spf.example.com', help_text='Müşterinin SPF kaydına ekleyeceği mekanizmanın tamamı; örn. include:_spf.example.com.', max_length=260, validators=[kb.models.host_profile.validate_spf_include], verbose_name='SPF include mekanizması')),
                ('dkim_selector', models.CharField(default='default', help_text='DKIM anahtarının yayımlandığı ad: «seçici»._domainkey.«alan adı».', max_length=63, validators=[kb.models.host_profile.validate_dkim_selector], verbose_name='DKIM seçicisi')),
                ('mx_hosts', models.TextField(default='mx1.example.com\nmx2.example.com', help_text='Her satıra bir sunucu adı; müşterinin MX kayıtlarında olması gerekenler.', validators=[kb.models.host_profile.validate_hosts], verbose_name='MX sunucuları')),
                ('outgoing_ips', models.TextField(default='192.0.2.25', help_text='Her satıra bir IPv4 ya da IPv6 adresi; giden postamızın çıktığı adresler.', validators=[kb.models.host_profile.validate_ips], verbose_name='giden IP adresleri')),
                ('panel', models.CharField(choices=[('cpanel', 'cPanel'), ('plesk', 'Plesk'), ('directadmin', 'DirectAdmin'), ('own', 'Kendi panelimiz')], default='cpanel', max_length=20, verbose_name='kontrol paneli')),
                ('panel_dns_path', models.CharField(default='cPanel › Alan Adları › Zone Editor', help_text='Müşterinin tıklayacağı yol; örn. cPanel › Alan Adları › Zone Editor.', max_length=200, verbose_name='panelde DNS bölgesinin yolu')),
                ('panel_email_path', models.CharField(default='cPanel › E-posta › E-posta Hesapları', max_length=200, verbose_name='panelde e-posta hesaplarının yolu')),
                ('panel_dkim_path', models.CharField(default='cPanel › E-posta › E-posta Teslim Edilebilirliği', max_length=200, verbose_name='panelde DKIM ayarının yolu')),
                ('ptr_request', models.TextField(default='PTR (ters DNS) kaydı için destek ekibimize IP adresini ve kayıtta görmek istediğiniz sunucu adını yazarak talep açın.', help_text='Müşteriye bir iki cümleyle: PTR kaydını kimden, nasıl ister.', verbose_name='PTR kaydı nasıl istenir')),
                ('queue_retry_hours', models.PositiveIntegerField(default=120, help_text="Sunucumuz geçici bir hatada iletiyi kaç saat yeniden dener; sonra teslim edilemedi bildirimi gönderir (Postfix'te maximal_queue_lifetime). 120 saat = 5 gün.", validators=[kb.models.host_profile.validate_hours], verbose_name='kuyrukta yeniden deneme süresi (saat)')),
                ('support_url', models.CharField(blank=True, help_text='{code} yerine SMTP kodu, {details} yerine sorunun ayrıntısı yazılır. Boş bırakılırsa KB_SUPPORT_URL ayarı kullanılır.', max_length=500, verbose_name='destek talebi adresi')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'barındırma profili sürümü',
                'verbose_name_plural': 'barındırma profili sürümleri',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(create_profile, migrations.RunPython.noop),
    ]
