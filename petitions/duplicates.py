"""Suggestions of petitions that say the same thing, robust to diacritics, case, spacing and word order.

Each text is folded (no diacritics, lower case), stripped of the words every petition shares ("cử tri",
"đề nghị", ...) and its words sorted, which makes the order irrelevant. Two petitions are suggested as
duplicates when rapidfuzz's ratio of these keys reaches THRESHOLD both letter by letter (a typo costs
little) and word by word (a different object — "kênh mương" / "đường" — costs a whole word).
Petitions naming different places or projects ("Quốc lộ 1 qua xã Phổ An" / "qua xã Phổ Châu") are
different issues even when the rest of the text is the same: a pair where each names (capitalised
words) something the other does not mention is never suggested.
"""

import functools
import math
import re
from collections import Counter, defaultdict
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
    """The folded capitalised words after the first (places, projects) and the numbers ("Quốc lộ 1",
    "tổ dân phố 5"); no capitalised words when the text is in capitals throughout."""
    words = _WORD.findall(text)
    if not words:
        return frozenset()
    if sum(w.isupper() for w in words) > 0.6 * len(words):
        return frozenset(w for w in words if any(ch.isdigit() for ch in w))
    return frozenset(fold(w) for w in words[1:] if w[:1].isupper() or any(ch.isdigit() for ch in w)) - GENERIC_NAMES


@dataclass(frozen=True)
class _Text:
    key: str
    tokens: list[str]
    names: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str) -> "_Text":
        return _text_of(text)


# Folding and tokenising is most of the work of a suggestion run; a petition's text changes rarely, so
# each worker keeps the keys of the texts it has seen (a national round against the open petitions of
# the largest council: about 30,000 texts, a few tens of MB) and a second run reads the rows only.
@functools.lru_cache(maxsize=50_000)
def _text_of(text: str) -> _Text:
    folded = fold(text)
    key = " ".join(sorted(w for w in _WORD.findall(folded) if w not in STOP_WORDS))
    return _Text(key, key.split(), proper_names(text), frozenset(_WORD.findall(folded)))


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
    """Groups (lists of pks, two or more) of candidates that say the same thing, joined transitively;
    a group must contain at least one petition of the round itself.

    Word by word, rapidfuzz's ratio of sorted words is the Dice coefficient of the two bags of words, so
    a pair can reach the threshold only if they share a word among the rarest ones of each (prefix
    filtering, as in set-similarity joins): only such pairs are compared, and only pairs with a petition
    of the round. That keeps a round of thousands against thousands of open petitions near-linear.
    """
    texts = [_Text.of(c.text) for c in candidates]
    bags = []
    for text in texts:
        seen: dict[str, int] = {}
        bag = []
        for word in text.tokens:  # a bag of words as a set: the second "thon" is ("thon", 1)
            bag.append((word, seen.get(word, 0)))
            seen[word] = seen.get(word, 0) + 1
        bags.append(bag)
    frequency = Counter(item for bag in bags for item in bag)
    # Each distinct word as one character: the word-by-word ratio becomes a fast string ratio.
    codes: dict[str, str] = {}
    coded = ["".join(codes.setdefault(w, chr(0x10000 + len(codes))) for w in text.tokens) for text in texts]
    ratio = threshold / 100
    postings: dict[tuple[str, int], set[int]] = defaultdict(set)
    prefixes = []
    for index, bag in enumerate(bags):
        bag.sort(key=lambda item: (frequency[item], item))
        overlap = math.ceil(ratio * len(bag) / (2 - ratio) - 1e-9)
        prefix = bag[: max(len(bag) - overlap + 1, 0)] if bag else []
        prefixes.append(prefix)
        for item in prefix:
            postings[item].add(index)
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, candidate in enumerate(candidates):
        if not candidate.in_round or not texts[i].key:
            continue
        # Every pair is reached from its petition of the round (a pair of two of them twice: harmless).
        pool = list(set().union(*(postings[item] for item in prefixes[i])))
        # Word by word first, in rapidfuzz's C++ loop over words coded as characters; the few that pass
        # are checked letter by letter and for names.
        matches = process.extract(
            coded[i], [coded[j] for j in pool], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        )
        for _choice, _score, offset in matches:
            j = pool[offset]
            letters = j != i and fuzz.ratio(texts[i].key, texts[j].key, score_cutoff=threshold)
            if letters and _alike(texts[i], texts[j], threshold):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for index in range(len(candidates)):
        groups.setdefault(find(index), []).append(index)
    out = [
        [candidates[m].pk for m in sorted(members)]
        for members in groups.values()
        if len(members) > 1 and any(candidates[m].in_round for m in members)
    ]
    return sorted(out, key=lambda g: g[0])
