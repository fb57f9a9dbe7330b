from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Giám sát"

    def ready(self) -> None:
        from django.urls import reverse

        from documents.sources import register_source_kind
        from followup.kinds import register_kind, register_source_link
        from hdnd.views import DASHBOARD_CARDS
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS
        from standing.programme_links import register_programme_link
        from supervision.access import ROLE_PERMISSIONS, VIEW
        from supervision.dashboard import cards
        from supervision.demo import seed
        from supervision.models import RecommendationReportRecord, Review, Round
        from supervision.services import BODY_REPORT, MILESTONE, PROGRAMME_MILESTONE, RECOMMENDATION, UNLAWFUL_DOCUMENT

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        register_kind(RECOMMENDATION, "Kiến nghị sau giám sát")
        register_kind(BODY_REPORT, "Báo cáo phục vụ giám sát")
        register_kind(MILESTONE, "Mốc thời hạn của đợt giám sát")
        register_kind(PROGRAMME_MILESTONE, "Mốc thời hạn của chương trình giám sát")
        register_kind(UNLAWFUL_DOCUMENT, "Xử lý văn bản có dấu hiệu trái pháp luật")
        register_source_link("supervision.round", "supervision:round_detail", "Xem đợt giám sát", perms=(VIEW,))
        register_source_link(
            "supervision.programme", "supervision:programme_detail", "Xem chương trình giám sát", perms=(VIEW,)
        )
        register_source_kind(
            Round, label="Đợt giám sát", url=lambda r: reverse("supervision:round_detail", args=[r.pk]), perms=(VIEW,)
        )
        register_source_kind(
            Review,
            label="Giám sát văn bản",
            url=lambda r: reverse("supervision:review_list") + f"#vb-{r.pk}",
            perms=(VIEW,),
        )
        register_source_kind(
            RecommendationReportRecord,
            label="Báo cáo thực hiện kiến nghị sau giám sát",
            url=lambda r: reverse("supervision:recommendation_report") + f"?nam={r.year}",
            perms=(VIEW,),
        )
        # What carried out an item of a work programme of standing.
        register_programme_link(Round, name="Đợt giám sát", date_field="set_up_on", url_name="supervision:round_detail")
        entry = ("Giám sát", "supervision:round_list", VIEW)
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
        if cards not in DASHBOARD_CARDS:
            DASHBOARD_CARDS.append(cards)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
