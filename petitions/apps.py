from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = "Kiến nghị cử tri"

    def ready(self) -> None:
        from django.urls import reverse

        from documents.sources import register_source_kind
        from followup.kinds import register_kind, register_source_link
        from hdnd.views import DASHBOARD_CARDS
        from petitions import imports  # noqa: F401  (registers the petitions' import target)
        from petitions.access import ANSWER, ROLE_PERMISSIONS, VIEW
        from petitions.dashboard import cards
        from petitions.demo import seed
        from petitions.models import ContactRound, Petition
        from petitions.selectors import petition_scope
        from petitions.services import OBLIGATION_KIND, petition_reported
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS
        from registry.selectors import register_personal_record_kind

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        register_kind(OBLIGATION_KIND, "Trả lời kiến nghị cử tri", on_report=petition_reported)
        register_source_kind(
            ContactRound,
            label="Đợt tiếp xúc cử tri",
            url=lambda r: reverse("petitions:round_detail", args=[r.pk]),
            perms=(VIEW,),
        )
        # The petition's page: an agency user answering for its body opens its own body's petitions only.
        register_source_kind(
            Petition,
            label="Kiến nghị cử tri",
            url=lambda p: reverse("petitions:petition_detail", args=[p.pk]),
            perms=(VIEW, ANSWER),
            scope=petition_scope,
        )
        register_source_link(
            "petitions.petition", "petitions:petition_detail", "Xem kiến nghị cử tri", perms=(VIEW, ANSWER)
        )
        register_source_link(
            "petitions.contactround", "petitions:round_detail", "Xem đợt tiếp xúc cử tri", perms=(VIEW,)
        )
        register_personal_record_kind("petitions.petition", "Kiến nghị cử tri")
        # An agency user (ANSWER without VIEW) reaches its own petitions from the same menu entry.
        for entry in (
            ("Kiến nghị cử tri", "petitions:round_list", VIEW),
            ("Kiến nghị cử tri", "petitions:petition_list", ANSWER),
        ):
            if entry not in NAVIGATION:
                NAVIGATION.append(entry)
        if cards not in DASHBOARD_CARDS:
            DASHBOARD_CARDS.append(cards)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
