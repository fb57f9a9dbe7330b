from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng thông tin công khai"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from portal.cache import WATCHED, record_changed

        for label in WATCHED:
            model = apps.get_model(label)
            post_save.connect(record_changed, sender=model, dispatch_uid=f"portal-{label}-save")
            post_delete.connect(record_changed, sender=model, dispatch_uid=f"portal-{label}-delete")
