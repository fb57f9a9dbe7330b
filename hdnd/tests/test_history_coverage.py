"""Every record users change keeps its history, links included (issue 12, item 9)."""

from pathlib import Path

from django.apps import apps
from simple_history.models import HistoricalChanges

ROOT = Path(__file__).resolve().parents[2]
# Every app of this project (not Django's or a library's), so that a new app is checked without being named
# here; `hdnd` itself holds only the import uploads (files in transit, not records).
PROJECT_APPS = {Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT} - {
    "hdnd"
}


def _project_models() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in PROJECT_APPS and not issubclass(m, HistoricalChanges) and not m._meta.auto_created
    ]


# Models that are logs themselves: their rows are only ever appended (no screen, API or service edits or
# deletes one), so a history table would only copy every row once more.
APPEND_ONLY_LOGS = {
    "registry.PersonalDataAccess",
    # A background export's progress, written by the task worker only; its owner downloads the file.
    "petitions.PetitionExport",
    "followup.FollowupExport",
}


def test_every_project_model_has_history() -> None:
    missing = [
        m._meta.label for m in _project_models() if not hasattr(m, "history") and m._meta.label not in APPEND_ONLY_LOGS
    ]
    assert missing == []


def test_every_many_to_many_link_is_tracked() -> None:
    untracked = []
    for model in _project_models():
        tracked = {
            f.name for f in getattr(getattr(model, "history", None) and model.history.model, "_history_m2m_fields", [])
        }
        untracked += [f"{model._meta.label}.{f.name}" for f in model._meta.many_to_many if f.name not in tracked]
    assert untracked == []


def test_users_have_history_without_password() -> None:
    user_model = apps.get_model("auth", "User")
    history_fields = {f.name for f in user_model.history.model._meta.fields}
    assert "username" in history_fields and "password" not in history_fields
    assert {f.name for f in user_model.history.model._history_m2m_fields} == {"groups"}
