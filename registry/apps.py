from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = "Danh mục Hội đồng"

    def ready(self) -> None:
        from hdnd.views import DASHBOARD_CARDS
        from registry.dashboard import cards

        DASHBOARD_CARDS.append(cards)
