import pytest

from followup.demo import DEMO, seed
from followup.models import Obligation, State
from registry.tests.factories import BodyFactory


@pytest.mark.django_db
def test_demo_seeder_is_idempotent(world) -> None:
    for short_name in {row[0] for row in DEMO}:
        BodyFactory(council=world.council, name=f"{short_name} (demo)", short_name=short_name)
    seed(world.council)
    seed(world.council)
    obligations = Obligation.objects.filter(council=world.council)
    assert obligations.count() == len(DEMO)
    assert obligations.filter(state=State.REPORTED_DONE).count() == 1
