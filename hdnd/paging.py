"""A paginator whose count stops at a cap: a search matching most of a national table ("duong" in a
million documents) counts at most COUNT_CAP + 1 rows (a COUNT over a LIMIT), and says "hơn 1.000"."""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 1000


def count_label(count: int, capped: bool, noun: str = "kết quả") -> str:
    """'25 kết quả' / 'hơn 1.000 kết quả' (the thousands dotted, as Vietnamese writes them); `count` is the
    capped count (the cap itself when capped)."""
    shown = f"{count:,}".replace(",", ".")
    return f"hơn {shown} {noun}" if capped else f"{shown} {noun}"


class CappedPaginator(Paginator):
    """Django's paginator counting no further than `cap` (+1, to know there are more); its pages stop at
    the cap's last page (a search that broad is to be narrowed, not paged through)."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        """The matching rows up to cap + 1: one COUNT over a LIMIT (the rows past it are never read)."""
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        return self._counted > self.cap

    @property
    def count_label(self) -> str:
        return count_label(self.count, self.capped)
