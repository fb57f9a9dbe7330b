"""Suggestions of petitions that say the same thing, robust to diacritics, case, spacing and word order.

Each text is folded (no diacritics, lower case), stripped of the words every petition shares ("cử tri",
"đề nghị", ...) and its words sorted; two petitions are suggested as duplicates when rapidfuzz's ratio
of these keys reaches THRESHOLD. Sorting the words makes the order irrelevant; comparing whole keys
(not token sets) keeps apart petitions that share a long common phrase. Two petitions naming different
places or projects ("Quốc lộ 1 qua xã Phổ An" / "qua xã Phổ Châu") are different issues even when the rest
of the text is the same: a pair whose proper names (capitalised words) differ is never suggested.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from hdnd.text import fold

THRESHOLD = 85
# Words of the petitions' boilerplate: they say nothing about the issue.
STOP_WORDS = frozenset(["cu", "tri", "de", "nghi", "kien", "xem", "xet", "cac", "som", "quan", "tam"])
_WORD = re.compile(r"\w+")
# Capitalised words that name no place or project.
GENERIC_NAMES = frozenset(
    ["cu", "de", "ubnd", "hdnd", "ubmttqvn", "mttq", "nha", "nuoc", "dang", "tw", "trung", "uong", "tinh", "thi", "xa"]
)


def proper_names(text: str) -> frozenset[str] | None:
    """The folded capitalised words after the first (places, projects), or None when the text is in
    capitals throughout (nothing can be told from case then)."""
    words = _WORD.findall(text)
    capitals = [w for w in words[1:] if w[:1].isupper()]
    if not words or sum(w.isupper() for w in words) > 0.6 * len(words):
        return None
    return frozenset(fold(w) for w in capitals) - GENERIC_NAMES


def _same_names(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or not a or not b or a == b


def match_key(text: str) -> str:
    """The comparison key of a petition's text: folded, without boilerplate, words sorted."""
    return " ".join(sorted(w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS))


def similarity(a: str, b: str) -> float:
    """0-100: how alike two petitions' texts are, whatever their diacritics, case, spacing or word order;
    0 when they name different places or projects."""
    if not _same_names(proper_names(a), proper_names(b)):
        return 0.0
    return fuzz.ratio(match_key(a), match_key(b))


@dataclass(frozen=True)
class Candidate:
    pk: int
    text: str
    in_round: bool


def duplicate_groups(candidates: Sequence[Candidate], threshold: int = THRESHOLD) -> list[list[int]]:
    """Groups (lists of pks, two or more) of candidates that say the same thing.

    Pairs are found in one vectorised pass (rapidfuzz.process.cdist over all keys, on every core) and
    joined transitively; a group must contain at least one petition of the round itself.
    """
    if len(candidates) < 2:
        return []
    keys = [match_key(c.text) for c in candidates]
    names = [proper_names(c.text) for c in candidates]
    scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=threshold, dtype="uint8", workers=-1)
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, cols = scores.nonzero()
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if i < j and keys[i] and (candidates[i].in_round or candidates[j].in_round) and _same_names(names[i], names[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for index in range(len(candidates)):
        groups.setdefault(find(index), []).append(index)
    out = []
    for members in groups.values():
        if len(members) > 1 and any(candidates[m].in_round for m in members):
            out.append([candidates[m].pk for m in members])
    return sorted(out, key=lambda g: g[0])
