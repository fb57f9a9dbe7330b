"""The kinds of obligation: a small registry that workflow apps extend from their `ready()`.

The engine never imports a workflow app; a workflow says what its obligations are called here, and links
each obligation to its own record through a ContentType. Keys the known workflows are expected to use:
"conclusion_task", "supervision_recommendation", "forwarded_petition", "questioning_commitment",
"written_opinion_request", "forwarded_complaint".
"""

KINDS: dict[str, str] = {}


def register_kind(key: str, label: str) -> None:
    """Make `key` a kind of obligation shown as `label`; calling it again with the same key relabels it."""
    if not key or len(key) > 40:
        raise ValueError("Mã loại nghĩa vụ phải có từ 1 đến 40 ký tự.")
    KINDS[key] = label


def kind_label(key: str) -> str:
    return KINDS.get(key, key)


def kind_choices() -> list[tuple[str, str]]:
    return sorted(KINDS.items(), key=lambda item: item[1])


TASK = "task"
register_kind(TASK, "Nhiệm vụ được giao")
