from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Theo dõi, đôn đốc"

    def ready(self) -> None:
        from followup.access import ROLE_PERMISSIONS, VIEW_OWN
        from followup.dashboard import cards
        from followup.demo import seed
        from followup.home import sections
        from hdnd.home import register_home_section
        from hdnd.views import DASHBOARD_CARDS
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        entry = ("Việc cần theo dõi", "followup:obligation_list", VIEW_OWN)
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
        if cards not in DASHBOARD_CARDS:
            DASHBOARD_CARDS.append(cards)
        register_home_section(sections)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
