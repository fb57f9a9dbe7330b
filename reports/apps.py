from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo, thống kê"

    def ready(self) -> None:
        from documents.sources import register_source_kind
        from followup.kinds import register_kind
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS
        from reports.access import PERMISSIONS, VIEW
        from reports.demo import seed
        from reports.figures import GROUP_REPORT
        from reports.models import AnnualReport

        register_kind(GROUP_REPORT, "Báo cáo của Tổ đại biểu")
        if seed not in SEEDERS:
            SEEDERS.append(seed)
        for role, perms in PERMISSIONS.items():
            register_permissions(role, perms)
        NAVIGATION.append(("Báo cáo", "reports:dashboard", VIEW))
        register_source_kind(
            AnnualReport,
            label="Báo cáo kiểm điểm tập thể",
            url=lambda r: f"/bao-cao/kiem-diem/{r.year}/",
            perms=(VIEW,),
        )
