"""Search without diacritics: "duong" finds "đường", in a council's portal and nationally."""

from django.test import Client
from django.urls import reverse

from portal.tests.conftest import grow


def test_search_without_diacritics_finds_every_kind(site) -> None:
    grow(site, 3)
    c = site.council.pk
    text = Client().get(reverse("portal:council_search", args=[c]) + "?q=DUONG").content.decode()
    assert site.documents[0].subject in text  # "Thông báo kết luận về đường điện số 0"
    assert site.petitions[0].text in text  # "Đề nghị nâng cấp đường liên thôn số 0"
    assert site.rounds[0].subject in text  # "việc sửa chữa đường huyện số 0"
    assert site.delegates[0].person.full_name in text  # "Lê Văn Đường 0"
    national = Client().get(reverse("portal:search") + "?q=duong lien thon").content.decode()
    assert site.petitions[0].text in national
    councils = Client().get(reverse("portal:search") + "?q=thu duong 1").content.decode()
    assert site.councils[1].unit_name in councils


def test_national_index_groups_filters_and_paginates(site) -> None:
    grow(site, 3)
    text = Client().get(reverse("portal:index") + "?q=thu duong").content.decode()
    assert all(c.unit_name in text for c in site.councils)
    assert site.town.world.other_council.unit_name not in text


def test_the_national_index_lists_a_province_before_its_councils(db) -> None:
    from registry.models import CouncilLevel, UnitType
    from registry.tests.factories import CouncilFactory

    province = CouncilFactory(level=CouncilLevel.PROVINCE, unit_type=UnitType.TINH, unit_name="Quảng Ngãi Thử")
    commune = CouncilFactory(unit_name="An Thử", parent=province)
    CouncilFactory(unit_name="Ẩn Thử", parent=province, active=False)
    text = Client().get(reverse("portal:index")).content.decode()
    assert "<h2>Quảng Ngãi Thử</h2>" in text
    assert text.index(str(province)) < text.index(str(commune))
    assert "Ẩn Thử" not in text
