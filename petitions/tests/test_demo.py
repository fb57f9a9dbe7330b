import pytest

from petitions.demo import seed
from petitions.models import ContactRound, Level, Petition, PetitionState
from petitions.selectors import petition_counts


@pytest.mark.django_db
def test_demo_gives_the_figures_of_seed_000_and_is_idempotent(town) -> None:
    ContactRound.objects.filter(council=town.council).delete()
    seed(town.council)
    seed(town.council)
    mid, end = petition_counts(council=town.council, year=2024)
    assert (mid.level(Level.PROVINCE), mid.level(Level.DISTRICT)) == (10, 34)
    assert (end.level(Level.PROVINCE), end.level(Level.DISTRICT)) == (15, 33)
    assert mid.sentence() == (
        "Tại đợt tiếp xúc cử tri giữa năm 2024: Có 10 kiến nghị thuộc thẩm quyền của cấp tỉnh; "
        "34 kiến nghị thuộc thẩm quyền của thị xã."
    )
    assert len(mid.units) == 15 and len(end.units) == 15
    petitions = Petition.objects.filter(council=town.council)
    assert petitions.filter(is_aggregate=True).count() >= 4
    states = {p.state for p in petitions.select_related("obligation")}
    assert {PetitionState.ANSWERED, PetitionState.RESOLVING, PetitionState.EXPLAINED, PetitionState.FORWARDED} <= states
    upper = town.bodies["HĐND tỉnh"]
    assert not petitions.filter(level=Level.PROVINCE, merged_into__isnull=True).exclude(body=upper).exists()
