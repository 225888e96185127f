"""What the data migrations that give the Destek group its permissions share. The migration
loader skips modules whose names start with "_", so this one is no migration itself."""

from django.contrib.auth.management import create_permissions

GROUP = "Destek"


def create_all_permissions(apps) -> None:
    """Permissions are normally created after all migrations ran (post_migrate); create them
    now, so that the group can be given them on a fresh database too."""
    for app_config in apps.get_app_configs():
        # True makes create_permissions run on a migration's app state; the old value
        # comes back (None there, the real models module when tests call this directly)
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def kb_permissions(apps, codenames: list[str]):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="kb", codename__in=codenames)


def grant(apps, codenames: list[str]) -> None:
    """The Destek group (created if missing) gets these kb permissions."""
    create_all_permissions(apps)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(*kb_permissions(apps, codenames))


def revoke(apps, codenames: list[str]) -> None:
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP):
        group.permissions.remove(*kb_permissions(apps, codenames))


def granting(codenames: list[str]):
    """(grant, revoke) for a migration's RunPython: these permissions to the group, or back."""

    def grant_these(apps, schema_editor) -> None:
        grant(apps, codenames)

    def revoke_these(apps, schema_editor) -> None:
        revoke(apps, codenames)

    return grant_these, revoke_these
