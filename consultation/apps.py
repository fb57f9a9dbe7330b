from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = "Lấy ý kiến dự thảo"

    def ready(self) -> None:
        from django.urls import reverse

        from consultation.access import ROLE_PERMISSIONS, VIEW
        from consultation.home import sections
        from consultation.models import Consultation
        from consultation.services import OBLIGATION_KIND
        from documents.sources import register_source_kind
        from followup.kinds import register_kind, register_source_link
        from hdnd.home import register_home_section
        from registry.access import register_permissions

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        register_kind(OBLIGATION_KIND, "Góp ý dự thảo nghị quyết")
        register_source_kind(
            Consultation,
            label="Lấy ý kiến dự thảo",
            url=lambda c: reverse("consultation:detail", args=[c.pk]),
            perms=(VIEW,),
        )
        register_source_link("consultation.consultation", "consultation:body_detail", "Góp ý dự thảo")
        # No entry in the top bar (it is full at a desk's width): the office and the invited bodies reach
        # the consultations from their home page, a body also from its obligation on /theo-doi/.
        register_home_section(sections)
