"""The standing committee's work programmes and their items, linked to the records that carry them out."""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.models import Body, Council
from registry.services import council_accepts
from standing import programme_links
from standing.models import (
    ProgrammeOwner,
    WorkItem,
    WorkProgramme,
)
from standing.services._common import _next_order
from standing.wording import link_text

# What can carry out an item of a programme: model label -> (label, date field, detail url name). Each
# app registers its own models in standing.programme_links from its AppConfig.ready(), so standing imports
# neither plenary nor supervision.
LINK_KINDS = programme_links.LINKS


link_models = programme_links.link_models


@transaction.atomic
def programme_create(
    *, council: Council, year: int, owner: str, title: str = "", user: AbstractBaseUser | None = None
) -> WorkProgramme:
    """Open the year's programme of the council or of the standing committee (one of each a year)."""
    council_accepts(council, dates.today(), field="year")  # entered today: dated today
    if owner not in ProgrammeOwner.values:
        raise ValidationError({"owner": "Vui lòng chọn chương trình của Hội đồng hay của Thường trực."})
    default = (
        f"Chương trình công tác năm {year} của "
        f"{'Thường trực ' if owner == ProgrammeOwner.STANDING else ''}{council.short_title}"
    )
    programme = WorkProgramme(council=council, year=year, owner=owner, title=clean(title) or default, created_by=user)
    return validated_save(programme, user)


@transaction.atomic
def work_item_add(
    *,
    programme: WorkProgramme,
    month: int,
    content: str,
    body: Body | None,
    user: AbstractBaseUser | None = None,
) -> WorkItem:
    """Add an item for a month of the programme with the body responsible for it."""
    current = WorkProgramme.objects.select_for_update(of=("self",)).select_related("council").get(pk=programme.pk)
    council_accepts(current.council, dates.today(), field="content")  # entered today: dated today
    content = clean(content)
    errors = {}
    if not content:
        errors["content"] = "Vui lòng nhập nội dung công việc."
    if not isinstance(month, int) or not 1 <= month <= 12:
        errors["month"] = "Tháng phải từ 1 đến 12."
    if body is None:
        errors["body"] = "Vui lòng chọn cơ quan chủ trì."
    elif body.council_id != current.council_id:
        errors["body"] = "Cơ quan chủ trì không thuộc Hội đồng này."
    if errors:
        raise ValidationError(errors)
    siblings = WorkItem.objects.filter(programme=current, month=month)
    item = WorkItem(programme=current, month=month, content=content, body=body, order=_next_order(siblings))
    return validated_save(item, user)


@transaction.atomic
def work_item_link(*, item: WorkItem, record: models.Model, user: AbstractBaseUser | None = None) -> WorkItem:
    """Mark an item as carried out by `record` (a meeting, conference, session or supervision round of the
    same council); its label and date are kept for the programme's page."""
    current = WorkItem.objects.select_for_update(of=("self",)).select_related("programme").get(pk=item.pk)
    council_accepts(current.programme.council, None, field="record")  # a ceased council's programmes stay
    label = record._meta.label_lower
    if label not in LINK_KINDS:
        raise ValidationError({"record": "Chỉ liên kết với phiên họp, hội nghị, kỳ họp hoặc đợt giám sát."})
    if getattr(record, "council_id", None) != current.programme.council_id:
        raise ValidationError({"record": "Hoạt động được liên kết không thuộc Hội đồng này."})
    current.done_type = ContentType.objects.get_for_model(record)
    current.done_id = record.pk
    current.done_label = link_text(record)
    current.done_on = getattr(record, LINK_KINDS[label][1], None)
    return validated_save(current, user)


@transaction.atomic
def work_item_unlink(*, item: WorkItem, user: AbstractBaseUser | None = None) -> WorkItem:
    """Undo a wrong link: the item is again waiting (or not done, when its month has passed)."""
    current = WorkItem.objects.select_for_update().select_related("programme__council").get(pk=item.pk)
    council_accepts(current.programme.council, None, field="record")  # a ceased council's programmes stay
    current.done_type = current.done_id = current.done_on = None
    current.done_label = ""
    return validated_save(current, user)
