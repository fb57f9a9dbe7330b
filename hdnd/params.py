"""Bounded numbers the API reads from a path or a query string, declared once so the OpenAPI schema
states the same bounds the input boundary (hdnd.middleware) and the services enforce.

A route writes `year: Year` (or `year: Year | None = None`); a paginated list uses this module's
`PageNumberPagination`, whose `page` and `page_size` carry their upper bounds in the schema.
"""

from typing import Annotated

from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

from hdnd.forms import YEAR_MAX, YEAR_MIN

# Far beyond the longest list a council keeps (50 rows a page: fifty million rows), far below what an
# OFFSET can hold.
PAGE_MAX = 1_000_000

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX, description=f"Năm, từ {YEAR_MIN} đến {YEAR_MAX}.")]


class PageNumberPagination(NinjaPageNumberPagination):
    """ninja's page-number pagination with the page and the page size bounded in the schema too."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=PAGE_MAX, description=f"Số trang, từ 1 đến {PAGE_MAX:,}.".replace(",", "."))
        page_size: int | None = Field(
            None,
            ge=1,
            le=ninja_settings.PAGINATION_MAX_PER_PAGE_SIZE,
            description=f"Số dòng mỗi trang, tối đa {ninja_settings.PAGINATION_MAX_PER_PAGE_SIZE}.",
        )
