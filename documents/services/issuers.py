"""Issuing authorities: the council's default issuer and the committees that issue their own documents."""

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import Direction, Document, Issuer
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.models import Body, Council
from registry.services import council_accepts


@transaction.atomic
def issuer_default(*, council: Council) -> Issuer:
    """The council's default issuer, created on first use: the council itself, symbol "HĐND".

    A letter from the council is drafted by its office: "15/HĐND-VP" (Nghị định 30/2020/NĐ-CP,
    Phụ lục I, mục 3b).
    """
    issuer = Issuer.objects.filter(council=council, is_default=True).first()
    if issuer is not None:
        return issuer
    # A council heads its own documents: no parent line above its name.
    issuer = Issuer(
        council=council,
        name=f"Hội đồng nhân dân {council.unit_label}",
        parent_name="",
        symbol="HĐND",
        letter_symbol="HĐND-VP",
        is_default=True,
    )
    try:
        with transaction.atomic():
            return validated_save(issuer)
    except ValidationError:
        # Created meanwhile by a concurrent first use.
        return Issuer.objects.get(council=council, is_default=True)


ISSUER_FIELDS = {"name", "parent_name", "symbol", "letter_symbol", "body"}


def _symbol_used_elsewhere(issuer: Issuer, field: str, value: str) -> str | None:
    """The name of another issuer of the council that has, or had on numbered documents, this symbol."""
    others = Issuer.objects.filter(council=issuer.council).exclude(pk=issuer.pk)
    current = others.filter(**{field: value}).first()
    if current is not None:
        return current.name
    # An issuer that used the symbol before renaming it: its numbers already carry the symbol, and
    # a new issuer's counter starting at 01 would repeat them.
    numbered = Document.objects.filter(council=issuer.council, number__isnull=False, direction=Direction.OUTGOING)
    former = (
        Issuer.history.filter(council_id=issuer.council_id, **{field: value})
        .exclude(id=issuer.pk)
        .filter(id__in=numbered.values("issuer_id"))
        .first()
    )
    return former.name if former is not None else None


def _issuer_check(issuer: Issuer) -> None:
    errors = {}
    if not issuer.name:
        errors["name"] = "Vui lòng nhập tên cơ quan ban hành."
    if not issuer.symbol:
        errors["symbol"] = "Vui lòng nhập chữ viết tắt (ví dụ: HĐND, KTXH)."
    elif any(c in issuer.symbol for c in "/{} "):
        errors["symbol"] = "Chữ viết tắt không được chứa dấu cách, “/” hay dấu ngoặc nhọn."
    elif name := _symbol_used_elsewhere(issuer, "symbol", issuer.symbol):
        errors["symbol"] = f"Chữ viết tắt “{issuer.symbol}” đã (hoặc từng) được {name} dùng: số văn bản sẽ bị trùng."
    if any(c in issuer.letter_symbol for c in "/{} "):
        errors["letter_symbol"] = "Ký hiệu công văn không được chứa dấu cách, “/” hay dấu ngoặc nhọn."
    elif name := _symbol_used_elsewhere(issuer, "letter_symbol", issuer.letter_symbol):
        errors["letter_symbol"] = (
            f"Ký hiệu công văn “{issuer.letter_symbol}” đã (hoặc từng) được {name} dùng: số công văn sẽ bị trùng."
        )
    if issuer.body_id is not None and issuer.body.council_id != issuer.council_id:
        errors["body"] = "Cơ quan phải thuộc cùng Hội đồng."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def issuer_create(
    *,
    council: Council,
    name: str,
    symbol: str,
    letter_symbol: str = "",
    parent_name: str = "",
    body: Body | None = None,
) -> Issuer:
    """Add an issuing authority (a committee that issues its own reports, for example "BC-KTXH").

    Refused with a message per field, nothing saved: an empty name or symbol, a symbol or letter
    symbol another issuer of the council has or had on numbered documents (numbers would repeat).
    """
    council_accepts(council, None, field="name")  # a ceased council's register stays as it was
    issuer = Issuer(
        council=council,
        body=body,
        name=clean(name),
        symbol=clean(symbol),
        letter_symbol=clean(letter_symbol) or (f"{clean(symbol)}-VP" if clean(symbol) else ""),
        parent_name=clean(parent_name),
    )
    _issuer_check(issuer)
    return validated_save(issuer)


@transaction.atomic
def issuer_update(*, issuer: Issuer, **fields: object) -> Issuer:
    """Change an issuer's names, symbols or registry body, with the checks of `issuer_create`.

    Issued documents keep the number and symbol they were issued with (stored on the document):
    a new symbol applies to numbers taken afterwards; the issuer's counters go on, so numbers do not
    restart in the middle of a year.
    """
    current = Issuer.objects.select_for_update().select_related("council").get(pk=issuer.pk)
    council_accepts(current.council, None, field="name")  # a ceased council's register stays as it was
    unknown = set(fields) - ISSUER_FIELDS
    if unknown:
        raise ValidationError(f"Không thể sửa trường: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(current, name, clean(value) if isinstance(value, str) else value)
    if "letter_symbol" in fields and not current.letter_symbol and current.symbol:
        current.letter_symbol = f"{current.symbol}-VP"
    _issuer_check(current)
    return validated_save(current)
