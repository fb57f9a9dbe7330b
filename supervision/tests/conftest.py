from pathlib import Path

import pytest

from supervision.tests.factories import Setup, make_setup


@pytest.fixture(autouse=True)
def media_root(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def setup(world) -> Setup:
    return make_setup(world.council, world.term)
