"""Pages and routes run the same number of queries with 3 opinions and with 30."""

from consultation import services
from consultation.models import Consultation
from consultation.tests.conftest import make
from hdnd.testing import assert_constant_queries


def _grow(c: Consultation, world: object, n: int) -> None:
    bodies = {0: world.agency, 1: world.other_agency}
    for i in range(n):
        opinion = services.public_comment(consultation=c, article=1 + i % 3, text=f"Góp ý số {i} về dự thảo")
        services.opinion_moderate(opinion=opinion, approve=True, user=None)
    for i, body in bodies.items():
        if not c.invitations.filter(body=body).exists():
            services.invitation_add(consultation=c, bodies=[body], user=None)
            services.body_opinions_submit(
                consultation=c, body=body, items=[services.OpinionIn(i, f"Ý kiến cơ quan {i}")], user=None
            )


def test_each_page_is_constant(world: object, min_days: None, as_user: object) -> None:
    """Each page on its own consultation, measured with 3 opinions, then with 30 (27 more shown)."""
    office, public = as_user("office"), as_user(None)
    for kind in ("office list", "office page", "office api", "public list", "public page", "public api", "body page"):
        c = make(world, title=f"Dự thảo {kind}")
        _grow(c, world, 3)
        council = world.council.pk
        url, client, row_text = {
            "office list": ("/y-kien-du-thao/", office, None),
            "office page": (f"/y-kien-du-thao/du-thao/{c.pk}/", office, "Góp ý số"),
            "office api": (f"/api/v1/councils/{council}/consultations/{c.pk}", office, "Góp ý số"),
            "public list": (f"/y-kien-du-thao/{council}/", public, None),
            "public page": (f"/y-kien-du-thao/{council}/{c.pk}/", public, "Góp ý số"),
            "public api": (f"/api/v1/public/councils/{council}/consultations/{c.pk}", public, "Góp ý số"),
            "body page": (f"/y-kien-du-thao/co-quan/{c.pk}/", as_user("agency"), None),
        }[kind]
        client.get(url)
        assert_constant_queries(
            lambda client=client, url=url: client.get(url),
            lambda c=c: _grow(c, world, 27),
            row_text=row_text,
            rows=27 if row_text else None,
        )
