"""Every app's tests are collected: an app missing from pytest's testpaths would never run in CI."""

import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def test_every_project_app_with_tests_is_in_testpaths() -> None:
    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    project_apps = {
        Path(config.path).name
        for config in apps.get_app_configs()
        if Path(config.path).parent == ROOT and (Path(config.path) / "tests").is_dir()
    }
    assert project_apps, "no project app found: the check would pass on nothing"
    assert project_apps - testpaths == set()
