"""Suggestions of petitions that say the same thing, robust to diacritics, case, spacing and word order.

Each text is folded (no diacritics, lower case), stripped of the words every petition shares ("cử tri",
"đề nghị", ...) and its words sorted, which makes the order irrelevant. Two petitions are suggested as
duplicates when rapidfuzz's ratio of these keys reaches THRESHOLD both letter by letter (a typo costs
little) and word by word (a different object — "kênh mương" / "đường" — costs a whole word).
Petitions naming different places or projects ("Quốc lộ 1 qua xã Phổ An" / "qua xã Phổ Châu") are
different issues even when the rest of the text is the same: a pair where each names (capitalised
words) something the other does not mention is never suggested.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from hdnd.text import fold

THRESHOLD = 85
# Words of the petitions' boilerplate: they say nothing about the issue.
STOP_WORDS = frozenset(["cu", "tri", "de", "nghi", "kien", "xem", "xet", "cac", "som", "quan", "tam"])
# Capitalised words that name no place or project.
GENERIC_NAMES = frozenset(
    ["cu", "de", "ubnd", "hdnd", "ubmttqvn", "mttq", "nha", "nuoc", "dang", "tw", "trung", "uong", "tinh", "thi", "xa"]
)
_WORD = re.compile(r"\w+")


def match_key(text: str) -> str:
    """The comparison key of a petition's text: folded, without boilerplate, words sorted."""
    return " ".join(sorted(w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS))


def proper_names(text: str) -> frozenset[str]:
    """The folded capitalised words after the first (places, projects); none when the text is in
    capitals throughout (nothing can be told from case then)."""
    words = _WORD.findall(text)
    if not words or sum(w.isupper() for w in words) > 0.6 * len(words):
        return frozenset()
    return frozenset(fold(w) for w in words[1:] if w[:1].isupper()) - GENERIC_NAMES


@dataclass(frozen=True)
class _Text:
    key: str
    tokens: list[str]
    names: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "_Text":
        key = match_key(text)
        return cls(key, key.split(), proper_names(text), frozenset(_WORD.findall(fold(text))))


def _alike(a: _Text, b: _Text, threshold: int) -> bool:
    """Word by word alike, and not each naming something the other never mentions."""
    if fuzz.ratio(a.tokens, b.tokens) < threshold:
        return False
    return not (a.names - b.words and b.names - a.words)


def similarity(a: str, b: str) -> float:
    """0-100: how alike two petitions' texts are, whatever their diacritics, case, spacing or word order;
    0 when they name different places or projects."""
    ta, tb = _Text.of(a), _Text.of(b)
    if ta.names - tb.words and tb.names - ta.words:
        return 0.0
    return min(fuzz.ratio(ta.key, tb.key), fuzz.ratio(ta.tokens, tb.tokens))


@dataclass(frozen=True)
class Candidate:
    pk: int
    text: str
    in_round: bool


def duplicate_groups(candidates: Sequence[Candidate], threshold: int = THRESHOLD) -> list[list[int]]:
    """Groups (lists of pks, two or more) of candidates that say the same thing.

    Pairs are found with rapidfuzz's extractor (each key against the later ones, with the cutoff) and
    joined transitively; a group must contain at least one petition of the round itself.
    """
    if len(candidates) < 2:
        return []
    texts = [_Text.of(c.text) for c in candidates]
    keys = [t.key for t in texts]
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, key in enumerate(keys):
        if not key:
            continue
        # The C++ extractor with a cutoff skips most pairs early (length and bit-parallel bounds).
        matches = process.extract(key, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        for _choice, _score, offset in matches:
            j = i + 1 + offset
            in_round = candidates[i].in_round or candidates[j].in_round
            if in_round and _alike(texts[i], texts[j], threshold):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for index in range(len(candidates)):
        groups.setdefault(find(index), []).append(index)
    out = [
        [candidates[m].pk for m in members]
        for members in groups.values()
        if len(members) > 1 and any(candidates[m].in_round for m in members)
    ]
    return sorted(out, key=lambda g: g[0])
