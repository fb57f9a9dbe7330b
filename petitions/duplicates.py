"""Suggestions of petitions that say the same thing, robust to diacritics, case, spacing and word order.

Each text is folded (no diacritics, lower case), stripped of the words every petition shares ("cử tri",
"đề nghị", ...) and its words sorted, which makes the order irrelevant. Two petitions are suggested as
duplicates when rapidfuzz's ratio of these keys reaches THRESHOLD both letter by letter (a typo costs
little) and word by word (a different object — "kênh mương" / "đường" — costs a whole word).
Petitions naming different places or projects ("Quốc lộ 1 qua xã Phổ An" / "qua xã Phổ Châu") are
different issues even when the rest of the text is the same: a pair where each names (capitalised
words) something the other does not mention is never suggested.
"""

import contextlib
import functools
import gc
import math
import re
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

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
_DIGIT = re.compile(r"\d")


def match_key(text: str) -> str:
    """The comparison key of a petition's text: folded, without boilerplate, words sorted."""
    return " ".join(sorted(w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS))


def proper_names(text: str, folded: str | None = None) -> frozenset[str]:
    """The folded capitalised words after the first (places, projects) and the numbers ("Quốc lộ 1",
    "tổ dân phố 5"); no capitalised words when the text is in capitals throughout. `folded`: the text's
    folded copy when known (its words are then the folded words, with no folding per word)."""
    words = _WORD.findall(text)
    if not words:
        return frozenset()
    return _names(words, _WORD.findall(folded) if folded is not None else [])


def _names(words: list[str], folded_words: list[str]) -> frozenset[str]:
    if sum(map(str.isupper, words)) > 0.6 * len(words):
        return frozenset(w for w in words if _DIGIT.search(w))
    if len(folded_words) != len(words):
        folded_words = [fold(w) for w in words]
    named = (f for w, f in zip(words[1:], folded_words[1:], strict=True) if w[:1].isupper() or _DIGIT.search(w))
    return frozenset(named) - GENERIC_NAMES


# Each word as one character (from its hash: the same in every text of a worker, with no table to grow),
# so that the word-by-word ratio is a fast string ratio. Two words sharing a character can only raise that
# ratio: it filters, and a pair it lets through is checked word by word on the words themselves.
_CODES = 0x10FFF0 - 0x10000
# The stored keys' version: change it when match_key, the names or the stop words change (stored keys of
# another version are recomputed on the fly until the backfill is run again).
KEYS_VERSION = "1"


@dataclass(frozen=True)
class _Text:
    key: str
    tokens: list[str]
    names: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, text: str, folded: str = "") -> "_Text":
        """The text's keys; `folded`, its stored folded copy (fold(text)), saves folding it again."""
        return _text_of(text, folded or fold(text))

    @functools.cached_property
    def coded(self) -> str:
        return "".join([chr(0x10000 + hash(w) % _CODES) for w in self.tokens])

    def dump(self) -> str:
        """The keys as stored beside the text (Petition.match_keys): a version, the sorted words, the names
        and the boilerplate words the text holds, tab-separated (words are \\w+, never a tab or space)."""
        stops = " ".join(sorted(self.words & STOP_WORDS))
        return f"{KEYS_VERSION}\t{self.key}\t{' '.join(sorted(self.names))}\t{stops}"

    @classmethod
    def load(cls, stored: str) -> "_Text | None":
        """The keys from their stored form (dump); None when absent or of another version."""
        return _loaded(stored)

    @functools.cached_property
    def bag(self) -> tuple[tuple[str, int], ...]:
        """The tokens as a set: the second "thon" is ("thon", 1)."""
        bag, previous, seen = [], None, 0
        for word in self.tokens:  # sorted
            seen = seen + 1 if word == previous else 0
            bag.append((word, seen))
            previous = word
        return tuple(bag)


# Tokenising is most of the work of a suggestion run; a petition's text changes rarely, so each worker
# keeps the keys of the texts it has seen (a national round against the open petitions of the largest
# council: about 30,000 texts, a few tens of MB) and a second run reads the rows only.
@functools.lru_cache(maxsize=50_000)
def _text_of(text: str, folded: str) -> _Text:
    words = _WORD.findall(folded)
    tokens = sorted(w for w in words if w not in STOP_WORDS)
    original = _WORD.findall(text)
    names = _names(original, words) if original else frozenset()
    return _Text(" ".join(tokens), tokens, names, frozenset(words))


# The same for stored keys: a worker parses each stored form once, and the parsed text keeps its word
# codes and its bag. The stored form is the cache's key, so a petition whose text (and so its stored keys)
# changed is parsed again and nothing stale is ever used; an unchanged one costs a dictionary look-up.
@functools.lru_cache(maxsize=40_000)
def _loaded(stored: str) -> _Text | None:
    parts = stored.split("\t")
    if len(parts) != 4 or parts[0] != KEYS_VERSION:
        return None
    _version, key, names, stops = parts
    tokens = key.split()
    return _Text(key, tokens, frozenset(names.split()), frozenset(tokens).union(stops.split()))


def stored_keys(text: str, folded: str = "") -> str:
    """What Petition.match_keys holds for `text`, set by the petition services whenever the text changes,
    so that no suggestion run tokenises a stored text again."""
    return _Text.of(text, folded).dump()


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
    folded: str = ""  # fold(text), when stored beside it
    keys: str = ""  # stored_keys(text), when stored beside it (then text and folded may be left empty)


# The groups of the last few candidate sets a worker matched, by their whole content (pks, texts, stored
# keys, round): the office opening the suggestions again with nothing changed gets them without matching;
# any petition added, merged, answered or edited makes another set, matched again.
_RECENT: "OrderedDict[tuple, list[list[int]]]" = OrderedDict()
_RECENT_SIZE = 4


def duplicate_groups(candidates: Sequence[Candidate], threshold: int = THRESHOLD) -> list[list[int]]:
    """Groups (lists of pks, two or more) of candidates that say the same thing: see _groups."""
    key = (threshold, tuple(candidates))
    if key in _RECENT:
        _RECENT.move_to_end(key)
    else:
        with without_cycle_collection():
            _RECENT[key] = _groups(candidates, threshold)
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return [list(group) for group in _RECENT[key]]


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Tens of thousands of small objects (rows, keys, postings) and no cycle among them: the cyclic
    collector's passes over a growing heap would cost as much as the matching itself."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _groups(candidates: Sequence[Candidate], threshold: int) -> list[list[int]]:
    """Groups (lists of pks, two or more) of candidates that say the same thing, joined transitively;
    a group must contain at least one petition of the round itself.

    Only pairs with a petition of the round are compared, and only pairs that could pass both tests:
    - names: a pair is suggested only if one's names all appear in the other's words, so a petition of the
      round that names something is compared with the texts containing its rarest name (its anchor) and
      with those whose own anchor it contains; texts naming nothing are reached by the filter below;
    - words: rapidfuzz's ratio of sorted words is the Dice coefficient of the two bags of words, so a pair
      can reach the threshold only if they share a word among the rarest ones of each (prefix filtering,
      as in set-similarity joins).
    A round of 6,000 against 22,000 open petitions then compares each with a few texts, not thousands.
    """
    texts = [(c.keys and _Text.load(c.keys)) or _Text.of(c.text, c.folded) for c in candidates]
    frequency = Counter(chain.from_iterable(t.tokens for t in texts))
    ratio = threshold / 100

    def prefix(text: _Text) -> list[tuple[str, int]]:
        # Any one order of all the (word, occurrence) items will do; the rarest words first keeps the
        # postings short.
        bag = sorted(text.bag, key=lambda item: (frequency[item[0]], item))
        overlap = math.ceil(ratio * len(bag) / (2 - ratio) - 1e-9)
        return bag[: max(len(bag) - overlap + 1, 0)]

    # A text's anchor: its rarest name (a name's frequency as a word; 0 if it is no word). Every text
    # whose words hold an anchor in use, per anchor.
    anchors = [min(t.names, key=lambda w: (frequency[w], w)) if t.names else None for t in texts]
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for index, anchor in enumerate(anchors):
        if anchor is not None:
            by_anchor[anchor].append(index)
    in_use = frozenset(by_anchor)
    holding: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for word in text.words & in_use:
            holding[word].append(index)
    # Word-prefix postings of the texts that name nothing (the only ones a naming petition can match
    # without a name shared), and of every text if a petition of the round names nothing.
    prefixes = {i: prefix(t) for i, t in enumerate(texts) if candidates[i].in_round or not t.names}
    plain_postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    every = any(candidates[i].in_round and not texts[i].names for i in prefixes)
    for index, text in enumerate(texts):
        if not text.names:
            for item in prefixes[index]:
                plain_postings[item].append(index)
        if every:
            for item in prefixes.get(index) or prefix(text):
                postings[item].append(index)
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
        if anchors[i] is None:
            pool_set = set().union(*(postings[item] for item in prefixes[i]))
        else:
            pool_set = set(holding[anchors[i]])
            pool_set.update(*(by_anchor[w] for w in texts[i].words if w in by_anchor))
            pool_set.update(*(plain_postings[item] for item in prefixes[i]))
        pool = list(pool_set)
        # Word by word first, in rapidfuzz's C++ loop over words coded as characters; the few that pass
        # are checked letter by letter and for names.
        matches = process.extract(
            texts[i].coded, [texts[j].coded for j in pool], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
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
