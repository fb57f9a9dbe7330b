import pytest

from followup.models import Obligation, State
from registry import demo
from supervision import selectors
from supervision.demo import seed
from supervision.models import Recommendation, Round
from supervision.services import MILESTONE


@pytest.mark.django_db
def test_demo_seeder_is_idempotent_and_states_seed_000(monkeypatch) -> None:
    monkeypatch.setattr(demo, "SEEDERS", [])  # the demo council alone; other apps' seeders are theirs to test
    council, _ = demo.seed()
    seed(council)
    seed(council)
    assert Round.objects.filter(council=council).count() == 7
    counts = selectors.supervision_counts(council=council, year=2024)
    assert counts.text == (
        "Thường trực HĐND: 01 đợt giám sát và 01 đợt khảo sát; Ban Kinh tế - Xã hội: 02 đợt giám sát; "
        "Ban Pháp chế: 02 đợt giám sát"
    )
    assert counts.bodies[1].footnote.startswith(
        "Về công tác quản lý trật tự đô thị đối với UBND các phường Phổ Quang và Phổ Thạnh; về việc thực hiện Kế "
        "hoạch cơ cấu lại ngành nông nghiệp đối với UBND các xã: Phổ Cường, Phổ Khánh"
    )
    report = counts.recommendations
    assert report.done >= 3 and report.overdue >= 2 and report.in_progress >= 1 and report.earlier_open == 1
    assert Recommendation.objects.filter(round__council=council).count() == 13
    # every milestone of the demo rounds is recorded: their follow-up obligations are all closed (accepted)
    milestones = Obligation.objects.filter(council=council, kind=MILESTONE)
    assert milestones.count() == 28 and not milestones.exclude(state=State.ACCEPTED).exists()
