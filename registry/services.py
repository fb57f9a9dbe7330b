"""Every write of the registry. Each validates, saves in one transaction and leaves history behind."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean, fold
from registry.levels import shape
from registry.models import (
    SINGLE_HOLDER_ROLES,
    AccessKind,
    ApiToken,
    Body,
    BodyKind,
    CalendarDay,
    Council,
    Delegate,
    DelegateEvent,
    DelegateStatus,
    LegalSetting,
    MemberRole,
    Membership,
    Person,
    PersonalDataAccess,
    Role,
    RoleGrant,
    Term,
)
from registry.rules import DAY_OF_YEAR, RULES_BY_KEY, UNIT_LABELS, day_of_year_valid


def _apply(obj: models.Model, fields: dict) -> list[str]:
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = clean(value)
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def record_delete(*, obj: models.Model) -> None:
    """Delete a record; refused with a Vietnamese message when other records refer to it."""
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as exc:
        names = sorted({str(o._meta.verbose_name) for o in exc.protected_objects})
        raise ValidationError(f"Không thể xóa “{obj}” vì đang được sử dụng bởi: {', '.join(names)}.") from exc
    except models.RestrictedError as exc:
        raise ValidationError(f"Không thể xóa “{obj}” vì đang được sử dụng.") from exc


# Councils and terms ----------------------------------------------------------------------------


@transaction.atomic
def council_create(
    *,
    level: str,
    unit_type: str,
    unit_name: str,
    unit_code: str,
    historical: bool = False,
    parent: Council | None = None,
    active: bool = True,
    ceased_on: datetime.date | None = None,
    place_name: str = "",
) -> Council:
    """Create a council; the unit code is unique per level and code list."""
    council = Council(
        level=level,
        unit_type=unit_type,
        historical=historical,
        parent=parent,
        active=active,
        ceased_on=ceased_on,
    )
    _apply(council, {"unit_name": unit_name, "unit_code": unit_code, "place_name": place_name})
    council.name_folded = fold(council.unit_label)
    return validated_save(council)


@transaction.atomic
def council_update(*, council: Council, **fields: object) -> Council:
    """Change a council's fields (name, code, parent, active, ceased date, place)."""
    if _apply(council, fields):
        council.name_folded = fold(council.unit_label)
        validated_save(council)
    return council


def council_accepts(council: Council, day: datetime.date | None, *, field: str = "date") -> None:
    """Refuse any record of a council once its last day has passed, whatever day the record names, and a
    record dated after its last day while it still acts. A ceased council is kept read-only for history
    (DOMAIN.md, "The law changes": Luật 72/2025/QH15, from 01/07/2025): its records stay readable, nothing
    is added or completed afterwards, not even backdated, so a screen, the API and a service called
    directly give the same answer; new activity belongs to the councils that succeeded it. Every workflow
    service calls this before it writes (`Council.open_on` is the same rule for the buttons)."""
    last = council.last_day
    if last is None:
        return
    today = dates.today()
    if council.open_on(today) and (day is None or council.open_on(day)):
        return
    successors = ", ".join(str(c) for c in council.successors.all()) or "Hội đồng kế thừa"
    if council.open_on(today):
        why = f"không ghi hoạt động sau ngày {last:%d/%m/%Y}"
    else:
        why = f"không ghi thêm hay bổ sung hồ sơ nào, kể cả ghi lùi về ngày {last:%d/%m/%Y} trở về trước"
    raise ValidationError(
        {
            field: f"{council} đã chấm dứt hoạt động từ ngày {council.ceased_on:%d/%m/%Y}; hồ sơ chỉ xem, "
            f"{why}. Hoạt động mới thuộc {successors}."
        }
    )


@transaction.atomic
def council_link_successors(*, council: Council, successors: Iterable[Council]) -> Council:
    """Record the councils that took over a ceased council's area (kept in the council's history)."""
    successors = list(successors)
    if any(c.pk == council.pk for c in successors):
        raise ValidationError({"successors": "Hội đồng không thể kế thừa chính mình."})
    council.successors.set(successors)
    return council


@transaction.atomic
def term_create(
    *,
    council: Council,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    delegates_elected: int,
) -> Term:
    """Open a term of the council."""
    council_accepts(council, starts_on, field="starts_on")
    term = Term(council=council, starts_on=starts_on, ends_on=ends_on, delegates_elected=delegates_elected)
    _apply(term, {"name": name})
    return validated_save(term)


@transaction.atomic
def term_update(*, term: Term, **fields: object) -> Term:
    if _apply(term, fields):
        validated_save(term)
    return term


# People and delegates --------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    council: Council,
    full_name: str,
    gender: str = "",
    birth_year: int | None = None,
    position: str = "",
    workplace: str = "",
    email: str = "",
) -> Person:
    """Record a person of the council (delegate, official, staff)."""
    council_accepts(council, None, field="full_name")  # a ceased council's people stay as they were
    person = Person(council=council, gender=gender, birth_year=birth_year)
    _apply(person, {"full_name": full_name, "position": position, "workplace": workplace, "email": email})
    if not person.full_name:
        raise ValidationError({"full_name": "Vui lòng nhập họ và tên."})
    person.name_folded = fold(person.full_name)
    return validated_save(person)


@transaction.atomic
def person_update(*, person: Person, **fields: object) -> Person:
    council_accepts(person.council, None, field="full_name")  # read-only once the council has ceased
    if _apply(person, fields):
        person.name_folded = fold(person.full_name)
        validated_save(person)
    return person


def _check_group(term: Term, group: Body | None) -> None:
    if group is not None and (group.council_id != term.council_id or group.kind != BodyKind.DELEGATE_GROUP):
        raise ValidationError({"group": "Tổ đại biểu phải là một Tổ đại biểu của cùng Hội đồng."})


@transaction.atomic
def delegate_create(
    *,
    term: Term,
    person: Person,
    elected_on: datetime.date,
    group: Body | None = None,
    constituency: str = "",
) -> Delegate:
    """Make a person a delegate of a term, in a delegate group; records the 'elected' event."""
    council_accepts(term.council, elected_on, field="elected_on")  # a ceased council seats no one
    if person.council_id != term.council_id:
        raise ValidationError({"person": "Cá nhân không thuộc Hội đồng của nhiệm kỳ."})
    _check_group(term, group)
    if elected_on < term.starts_on - datetime.timedelta(days=120) or (term.ends_on and elected_on > term.ends_on):
        raise ValidationError({"elected_on": "Ngày trúng cử không thuộc nhiệm kỳ."})
    delegate = Delegate(term=term, person=person, group=group, elected_on=elected_on)
    _apply(delegate, {"constituency": constituency})
    validated_save(delegate)
    DelegateEvent.objects.create(delegate=delegate, status=DelegateStatus.ELECTED, happened_on=elected_on)
    return delegate


@transaction.atomic
def delegate_register(
    *,
    term: Term,
    full_name: str,
    elected_on: datetime.date,
    gender: str = "",
    birth_year: int | None = None,
    position: str = "",
    workplace: str = "",
    group: Body | None = None,
    constituency: str = "",
) -> Delegate:
    """Record a newly elected delegate: the person and their seat in the term, both or neither."""
    person = person_create(
        council=term.council,
        full_name=full_name,
        gender=gender or "",
        birth_year=birth_year,
        position=position,
        workplace=workplace,
    )
    return delegate_create(term=term, person=person, elected_on=elected_on, group=group, constituency=constituency)


@transaction.atomic
def delegate_edit(*, delegate: Delegate, group: Body | None, constituency: str, **person_fields: object) -> Delegate:
    """Correct a delegate's seat (group, constituency) and personal details together."""
    delegate_update(delegate=delegate, group=group, constituency=constituency)
    person_update(person=delegate.person, **person_fields)
    return delegate


@transaction.atomic
def delegate_update(*, delegate: Delegate, group: Body | None, constituency: str) -> Delegate:
    """Move a delegate to another group or correct the constituency."""
    council_accepts(delegate.term.council, None, field="group")  # read-only once the council has ceased
    _check_group(delegate.term, group)
    if _apply(delegate, {"group": group, "constituency": constituency}):
        validated_save(delegate)
    return delegate


@transaction.atomic
def delegate_change_status(*, delegate: Delegate, status: str, happened_on: datetime.date, note: str = "") -> Delegate:
    """Record that a delegate left office (resigned, dismissed, deceased, lost the mandate) on a date.

    `left_on` is kept on the delegate so "delegates in office on D" stays one query.
    """
    if status == DelegateStatus.ELECTED:
        raise ValidationError({"status": "Chọn tình trạng thôi làm đại biểu."})
    council_accepts(delegate.term.council, happened_on, field="happened_on")
    if delegate.left_on is not None:
        raise ValidationError({"status": "Đại biểu đã thôi làm nhiệm vụ từ trước."})
    if happened_on <= delegate.elected_on:
        raise ValidationError({"happened_on": "Ngày phải sau ngày trúng cử."})
    delegate.status = status
    delegate.left_on = happened_on
    validated_save(delegate)
    DelegateEvent.objects.create(delegate=delegate, status=status, happened_on=happened_on, note=clean(note))
    return delegate


# Bodies and memberships ------------------------------------------------------------------------


@transaction.atomic
def body_create(
    *,
    council: Council,
    kind: str,
    name: str,
    short_name: str = "",
    parent: Body | None = None,
    linked_council: Council | None = None,
    email: str = "",
) -> Body:
    """Record a body of the council or an outside body it works with."""
    council_accepts(council, dates.today(), field="name")  # a ceased council's list stays as it was
    if parent is not None and parent.council_id != council.pk:
        raise ValidationError({"parent": "Cơ quan cấp trên phải thuộc cùng Hội đồng."})
    body = Body(council=council, kind=kind, parent=parent, linked_council=linked_council)
    _apply(body, {"name": name, "short_name": short_name or name, "email": email})
    body.name_folded = fold(body.name)
    return validated_save(body)


@transaction.atomic
def body_update(*, body: Body, **fields: object) -> Body:
    council_accepts(body.council, None, field="name")  # a ceased council's list stays as it was
    parent = fields.get("parent")
    if parent is not None and (parent.council_id != body.council_id or parent.pk == body.pk):
        raise ValidationError({"parent": "Cơ quan cấp trên không hợp lệ."})
    if _apply(body, fields):
        body.name_folded = fold(body.name)
        validated_save(body)
    return body


@transaction.atomic
def membership_create(
    *, person: Person, body: Body, role: str, starts_on: datetime.date, ends_on: datetime.date | None = None
) -> Membership:
    """Give a person a role in a body over a period.

    Refuses a second holder of a single-holder role (two chairs at once) over overlapping periods;
    the body row is locked so two concurrent requests cannot both pass the check.
    """
    if person.council_id != body.council_id:
        raise ValidationError({"person": "Cá nhân và cơ quan phải thuộc cùng Hội đồng."})
    Body.objects.select_for_update().filter(pk=body.pk).first()
    membership = Membership(person=person, body=body, role=role, starts_on=starts_on, ends_on=ends_on)
    membership.full_clean()
    overlapping = Membership.objects.filter(body=body, role=role).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.filter(person=person).exists():
        raise ValidationError("Người này đã giữ chức danh này trong cơ quan trong khoảng thời gian đó.")
    if role in SINGLE_HOLDER_ROLES:
        other = overlapping.exclude(person=person).select_related("person").first()
        if other is not None:
            raise ValidationError(
                f"{body.short_name} đã có {membership.get_role_display()} là {other.person.full_name} "
                f"trong khoảng thời gian này; hãy kết thúc nhiệm vụ của người đó trước."
            )
    if body.kind == BodyKind.STANDING_COMMITTEE:
        _check_standing_shape(body, role, overlapping.exclude(person=person))
    council_accepts(body.council, starts_on, field="starts_on")
    return validated_save(membership)


def _check_standing_shape(body: Body, role: str, others: models.QuerySet) -> None:
    """The standing committee's shape by level: in a commune, a chair and one vice-chair only."""
    level_shape = shape(body.council)
    if level_shape.standing_chair_and_vice_only and role not in (MemberRole.CHAIR, MemberRole.VICE_CHAIR):
        raise ValidationError(
            {"role": "Thường trực HĐND cấp xã gồm Chủ tịch và Phó Chủ tịch HĐND; không có thành viên khác."}
        )
    limit = level_shape.max_vice_chairs
    if role == MemberRole.VICE_CHAIR and limit is not None and others.count() >= limit:
        raise ValidationError(
            {"role": f"HĐND {body.council.unit_label} có tối đa {level_shape.max_vice_chairs} Phó Chủ tịch."}
        )


@transaction.atomic
def council_bodies_setup(*, council: Council) -> list[Body]:
    """The bodies the law sets up for the council's level that it does not have yet: the standing
    committee, the committees (a commune: Kinh tế - Ngân sách, Văn hóa - Xã hội) and the office."""
    word = council.unit_label
    wanted = [(BodyKind.STANDING_COMMITTEE, f"Thường trực HĐND {word}", "Thường trực HĐND")]
    wanted += [(BodyKind.COMMITTEE, f"{name} HĐND {word}", short) for name, short in shape(council).committees]
    wanted.append((BodyKind.OFFICE, f"Văn phòng HĐND và UBND {word}", "Văn phòng"))
    have = set(Body.objects.filter(council=council).values_list("kind", "short_name"))
    made = []
    for kind, name, short in wanted:
        if (kind, short) not in have:
            made.append(body_create(council=council, kind=kind, name=name, short_name=short))
    return made


@transaction.atomic
def membership_end(*, membership: Membership, ends_on: datetime.date) -> Membership:
    """Close a membership on its last day."""
    council_accepts(membership.body.council, ends_on, field="ends_on")  # a ceased council's bodies stay
    if ends_on < membership.starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc không thể trước ngày bắt đầu."})
    membership.ends_on = ends_on
    return validated_save(membership)


# Settings and calendar -------------------------------------------------------------------------


@transaction.atomic
def setting_set(
    *,
    council: Council,
    key: str,
    value: int | None,
    unit: str = "",
    valid_from: datetime.date | None = None,
    decision: str = "",
) -> LegalSetting:
    """Set (or clear, with None) a council's version of a legal rule, in force from `valid_from` (None:
    from the start) until its next version, set by the council's `decision` (e.g. its working regulation).

    A deadline already running keeps the version it was computed with (stored on the obligation); a ceased
    council's rules stay as they were on its last day (`council_accepts`).
    """
    council_accepts(council, None, field="value")
    rule = RULES_BY_KEY.get(key)
    if rule is None:
        raise ValidationError({"key": "Quy định không tồn tại."})
    if value is not None and value < 0:
        raise ValidationError({"value": "Giá trị không thể âm."})
    if unit and unit not in UNIT_LABELS:
        raise ValidationError({"unit": "Đơn vị không hợp lệ."})
    if (unit or rule.unit) == DAY_OF_YEAR and value is not None and not day_of_year_valid(value):
        raise ValidationError({"value": "Ngày trong năm ghi theo dạng tháng × 100 + ngày, ví dụ 301 là 01/03."})
    if (unit == DAY_OF_YEAR) != (rule.unit == DAY_OF_YEAR) and unit:
        raise ValidationError({"unit": "Đơn vị không phù hợp với loại quy định."})
    setting = LegalSetting.objects.filter(council=council, key=key, valid_from=valid_from).first()
    setting = setting or LegalSetting(council=council, key=key, valid_from=valid_from)
    setting.value = value
    setting.unit = unit or rule.unit
    setting.decision = clean(decision)[:300]
    return validated_save(setting)


@transaction.atomic
def calendar_day_add(*, council: Council, day: datetime.date, kind: str, note: str = "") -> CalendarDay:
    """Add a day off or a compensatory working day to the council's calendar (none once it has ceased)."""
    council_accepts(council, None, field="day")
    entry = CalendarDay(council=council, day=day, kind=kind)
    _apply(entry, {"note": note})
    return validated_save(entry)


# Users, roles, tokens --------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *,
    user: AbstractBaseUser,
    council: Council,
    role: str,
    body: Body | None = None,
    person: Person | None = None,
) -> RoleGrant:
    """Give a user a role in a council (an agency user names the agency they answer for)."""
    if body is not None and body.council_id != council.pk:
        raise ValidationError({"body": "Cơ quan phải thuộc Hội đồng được phân quyền."})
    if role == Role.AGENCY_USER and body is None:
        raise ValidationError({"body": "Người dùng cơ quan phải gắn với một cơ quan."})
    grant, _ = RoleGrant.objects.get_or_create(
        user=user, council=council, role=role, defaults={"body": body, "person": person}
    )
    return grant


@transaction.atomic
def user_grant(
    *,
    council: Council,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
    password: str = "",
    body: Body | None = None,
    person: Person | None = None,
) -> RoleGrant:
    """Give a role in the council to a user, creating the account first when the name is new.

    A new account needs a password that passes the password validators; an existing one keeps its own.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    username = clean(username)
    if not username:
        raise ValidationError({"username": "Vui lòng nhập tên đăng nhập."})
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    if person is not None and person.council_id != council.pk:
        raise ValidationError({"person": "Cá nhân không thuộc Hội đồng này."})
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise ValidationError({"password": "Tài khoản mới cần mật khẩu ban đầu."})
        user = user_model(username=username, first_name=clean(full_name), email=clean(email))
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
        user.full_clean()
        user.save()
    if RoleGrant.objects.filter(user=user, council=council, role=role).exists():
        raise ValidationError({"role": "Người dùng đã có vai trò này trong Hội đồng."})
    return role_grant(user=user, council=council, role=role, body=body, person=person)


@transaction.atomic
def role_revoke(*, grant: RoleGrant, by: AbstractBaseUser | None = None) -> None:
    """Take a role back; the account stays (it may hold roles elsewhere) and its history is kept.

    An administrator may not take back their own administrator role (`by`: who acts), so a council is
    never left without one by mistake."""
    if by is not None and grant.user_id == by.pk and grant.role == Role.ADMIN:
        raise ValidationError("Không thể tự thu hồi vai trò quản trị của chính mình.")
    grant.delete()


@transaction.atomic
def token_create(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Create an API token; the key is returned once and only its hash is kept."""
    name = clean(name)
    if not name:
        raise ValidationError({"name": "Vui lòng đặt tên cho mã truy cập."})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# Personal-data access log -----------------------------------------------------------------------


def personal_access_record(
    *,
    council: Council,
    user: AbstractBaseUser,
    records: Iterable[tuple[models.Model, str]],
    kind: str,
    address: str | None = None,
) -> list[PersonalDataAccess]:
    """Append one row per (record, readable label) to the council's personal-data access log.

    One INSERT whatever the number of records (an export logs every petition it holds). The label is kept
    as written now, cut to the column's length; unknown kinds are refused (a programming error).
    """
    if kind not in AccessKind.values:
        raise ValueError(f"unknown access kind {kind!r}")
    now = timezone.now()
    max_label = PersonalDataAccess._meta.get_field("label").max_length
    rows = []
    for obj, label in records:
        label = clean(label)[:max_label]
        rows.append(
            PersonalDataAccess(
                council=council,
                user=user,
                username=user.get_username(),
                created_at=now,
                content_type=ContentType.objects.get_for_model(obj),  # cached by Django after the first
                object_id=obj.pk,
                label=label,
                label_folded=fold(label)[:max_label],
                kind=kind,
                address=address,
            )
        )
    return PersonalDataAccess.objects.bulk_create(rows)
