"""One importer for every list offices bring as a sheet (petitions, delegates, bodies, places, resolutions).

Each app declares a `Target` (its fields, their synonyms and validators, how a row becomes an item) and
registers it here; reading (.xlsx/.xls/.ods via python-calamine, .csv in UTF-8 or Windows-1258/CP1252),
header mapping, cleaning and the Vietnamese errors (sheet, Excel row, column letter, the sheet's own
header) are shared.
"""

from hdnd.imports.core import (
    CellError,
    Choices,
    Field,
    Preview,
    Target,
    get_target,
    map_headers,
    own_council,
    preview,
    register,
)
from hdnd.imports.reading import Sheet, read_sheet

__all__ = [
    "CellError",
    "Choices",
    "Field",
    "Preview",
    "Sheet",
    "Target",
    "get_target",
    "map_headers",
    "own_council",
    "preview",
    "read_sheet",
    "register",
]
