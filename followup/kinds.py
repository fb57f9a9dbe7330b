"""The kinds of obligation: a small registry that workflow apps extend from their `ready()`.

The engine never imports a workflow app; a workflow says what its obligations are called here, and links
each obligation to its own record through a ContentType. Keys the known workflows are expected to use:
"conclusion_task", "supervision_recommendation", "forwarded_petition", "questioning_commitment",
"written_opinion_request", "forwarded_complaint".

A workflow may also give callbacks, so that whatever screen or API route moves one of its obligations (its
own or the follow-up engine's) it hears what happened without the engine importing it:

register_kind("forwarded_petition", "Trả lời kiến nghị cử tri", on_report=petition_reported)
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Called inside the transaction that moved the obligation, with (obligation, its new timeline update, user).
Hook = Callable[[Any, Any, Any], None]


@dataclass(frozen=True)
class KindHooks:
    on_report: Hook | None = None  # the owner reported progress or completion (text, files, reply document)
    on_accept: Hook | None = None
    on_return: Hook | None = None
    on_extend: Hook | None = None
    on_cancel: Hook | None = None


KINDS: dict[str, str] = {}
HOOKS: dict[str, KindHooks] = {}
# Kinds a manager may assign by hand ("Giao việc"); the others are created by their workflow, which
# links each obligation to its own record and listens to its progress.
MANUAL: set[str] = set()
MANUAL_REFUSED = "Loại việc này do quy trình của nó tự tạo, không giao trực tiếp bằng tay được."


def register_kind(
    key: str,
    label: str,
    *,
    on_report: Hook | None = None,
    on_accept: Hook | None = None,
    on_return: Hook | None = None,
    on_extend: Hook | None = None,
    on_cancel: Hook | None = None,
    manual: bool = False,
) -> None:
    """Make `key` a kind of obligation shown as `label`, with optional callbacks run when one of its
    obligations is reported on, accepted, returned, extended or cancelled; with `manual` a manager may
    also assign it by hand from the "Giao việc" form and API. Calling it again with the same key relabels
    it and replaces its callbacks and flag."""
    if not key or len(key) > 40:
        raise ValueError("Mã loại nghĩa vụ phải có từ 1 đến 40 ký tự.")
    KINDS[key] = label
    HOOKS[key] = KindHooks(on_report, on_accept, on_return, on_extend, on_cancel)
    if manual:
        MANUAL.add(key)
    else:
        MANUAL.discard(key)


def kind_hooks(key: str) -> KindHooks:
    """The callbacks registered for `key` (none for an unknown kind)."""
    return HOOKS.get(key) or KindHooks()


def kind_label(key: str) -> str:
    return KINDS.get(key, key)


def kind_choices() -> list[tuple[str, str]]:
    return sorted(KINDS.items(), key=lambda item: item[1])


def is_manual(key: str) -> bool:
    """Whether a manager may assign an obligation of `key` by hand."""
    return key in MANUAL


def manual_kind_choices() -> list[tuple[str, str]]:
    """The kinds the "Giao việc" form offers, by label."""
    return [(key, label) for key, label in kind_choices() if key in MANUAL]


TASK = "task"
register_kind(TASK, "Nhiệm vụ được giao", manual=True)


@dataclass(frozen=True)
class SourceLink:
    url_name: str  # a URL name taking the source record's pk
    label: str  # what the link says: "Xem kiến nghị cử tri"
    perms: tuple[str, ...] = ()  # a user needs one of them to open it (none: whoever sees the obligation)


# "app_label.model" of a source record -> where its page is; a workflow registers its own from ready().
SOURCE_LINKS: dict[str, SourceLink] = {}


def register_source_link(model_label: str, url_name: str, label: str, *, perms: tuple[str, ...] = ()) -> None:
    """Obligations whose source is a `model_label` record link to its page `url_name` (for users holding one
    of `perms`)."""
    SOURCE_LINKS[model_label.lower()] = SourceLink(url_name, label, perms)


def source_link(obligation: Any, user: Any, council: Any) -> tuple[str, str] | None:
    """(label, url) of the record an obligation comes from, when its workflow gave a page the user may open.

    Reads `obligation.source_type` (select it with the obligation: no query of its own)."""
    from django.urls import reverse

    from registry.access import has_perm

    if obligation.source_type_id is None:
        return None
    link = SOURCE_LINKS.get(f"{obligation.source_type.app_label}.{obligation.source_type.model}")
    if link is None or (link.perms and not any(has_perm(user, council, perm) for perm in link.perms)):
        return None
    return link.label, reverse(link.url_name, args=[obligation.source_id])
