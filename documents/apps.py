from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from documents.access import ROLE_PERMISSIONS, VIEW
        from documents.dashboard import cards
        from documents.demo import seed_documents
        from documents.home import sections
        from hdnd.home import register_home_section
        from hdnd.views import DASHBOARD_CARDS
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        entry = ("Văn bản", "documents:document_list", VIEW)
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
        if cards not in DASHBOARD_CARDS:
            DASHBOARD_CARDS.append(cards)
        register_home_section(sections)
        if seed_documents not in SEEDERS:
            SEEDERS.append(seed_documents)
