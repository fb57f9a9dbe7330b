"""The voting arithmetic of the law, kept apart so that it is tested on its edge counts alone."""

from fractions import Fraction

from plenary.models import VoteRule

# The law speaks in fractions ("quá nửa", "ít nhất hai phần ba", "ít nhất một phần ba"); the settings hold
# whole percents, so the rounded defaults 67 and 34/33 stand for two thirds and one third exactly.
_LEGAL_FRACTIONS = {67: Fraction(2, 3), 66: Fraction(2, 3), 34: Fraction(1, 3), 33: Fraction(1, 3)}


def share(percent: int) -> Fraction:
    return _LEGAL_FRACTIONS.get(percent, Fraction(percent, 100))


def vote_passes(*, yes: int, base: int, percent: int, rule: str) -> bool:
    """Whether `yes` votes carry among `base` delegates in office (all of them, not those present).

    Ordinary: MORE than `percent` of all delegates (Luật Tổ chức chính quyền địa phương: "quá nửa tổng số
    đại biểu"), so exactly half fails. Dismissal: AT LEAST `percent` (two thirds).
    """
    if base <= 0:
        return False
    ratio = Fraction(yes, base)
    if rule == VoteRule.DISMISSAL:
        return ratio >= share(percent)
    return ratio > share(percent)


def enough_requesters(*, count: int, base: int, percent: int) -> bool:
    """At least `percent` (one third) of the delegates in office asked for the session."""
    return base > 0 and Fraction(count, base) >= share(percent)
