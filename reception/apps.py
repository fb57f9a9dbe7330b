from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = "Tiếp công dân, đơn thư"

    def ready(self) -> None:
        from django.urls import reverse

        from documents.sources import register_source_kind
        from followup.kinds import register_kind
        from hdnd.home import register_home_section
        from reception import imports  # noqa: F401  (registers the letters' import target)
        from reception.access import MENU, ROLE_PERMISSIONS, VIEW
        from reception.demo import seed
        from reception.home import sections
        from reception.models import Case, ChaseLetter, ReceptionSession, RefusalNotice
        from reception.notices import TASK_KIND, notice_issued
        from reception.refusals import REFUSAL_KIND, refusal_issued
        from reception.schedule import REPORT_KIND
        from reception.services import OBLIGATION_KIND, case_reported
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS
        from registry.selectors import register_personal_record_kind

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        register_kind(OBLIGATION_KIND, "Giải quyết đơn thư được chuyển", on_report=case_reported)
        register_kind(REPORT_KIND, "Báo cáo kết quả tiếp công dân")
        register_kind(TASK_KIND, "Nhiệm vụ sau buổi tiếp công dân")
        register_kind(REFUSAL_KIND, "Gửi thông báo từ chối tiếp công dân")
        register_source_kind(
            ReceptionSession,
            label="Buổi tiếp công dân",
            url=lambda s: reverse("reception:session_detail", args=[s.pk]),
            on_issue=notice_issued,
            perms=(VIEW,),
        )
        register_source_kind(
            Case,
            label="Đơn thư của công dân",
            url=lambda c: reverse("reception:letter_detail", args=[c.letter_id]),
            perms=(VIEW,),
        )
        register_source_kind(
            RefusalNotice,
            label="Thông báo từ chối tiếp công dân",
            url=lambda r: reverse("reception:letter_detail", args=[r.letter_id]),
            on_issue=refusal_issued,
            perms=(VIEW,),
        )
        register_source_kind(
            ChaseLetter,
            label="Đôn đốc giải quyết đơn thư",
            url=lambda c: reverse("reception:chase_list"),
            perms=(VIEW,),
        )
        register_personal_record_kind("reception.letter", "Đơn thư")
        entry = ("Đơn thư", "reception:letter_list", MENU)
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
        register_home_section(sections)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
