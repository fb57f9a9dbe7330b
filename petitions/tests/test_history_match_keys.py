"""The duplicate matcher's keys (Petition.match_keys) are derived from the text: the petition's history keeps
the text, not a copy of the keys in every row, and the history shown on the petition's page never names them."""

import pytest
from django.db import connection

from hdnd.history import history_rows
from petitions import services
from petitions.duplicates import stored_keys
from petitions.models import Petition
from petitions.tests.conftest import make_petition

FIRST = "Đề nghị sửa chữa cầu tràn thôn An Ba bị sạt lở"
SECOND = "Đề nghị nạo vét kênh mương nội đồng thôn Vĩnh An"


def test_the_history_model_has_no_match_keys() -> None:
    historical = Petition.history.model
    assert "match_keys" not in {f.name for f in historical._meta.get_fields()}
    assert "text" in {f.name for f in historical._meta.get_fields()}  # what the keys are derived from stays


@pytest.mark.django_db
def test_history_rows_and_table_keep_no_keys(town) -> None:
    petition = make_petition(town, FIRST)
    services.petition_update(
        petition=petition, text=SECOND, level=petition.level, user=None, field=None, body=None, complaint=False
    )
    petition.refresh_from_db()
    assert petition.match_keys == stored_keys(SECOND)  # the petition itself still keeps them for the matcher
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, "petitions_historicalpetition")
        }
    assert "match_keys" not in columns and "text" in columns
    records = list(petition.history.order_by("history_id"))
    assert [r.text for r in records] == [FIRST, SECOND]
    assert not any(hasattr(r, "match_keys") for r in records)
    changes = history_rows(petition)
    assert ("Nội dung kiến nghị", FIRST, SECOND) in changes[0].fields  # the history still says what changed
    labels = {label for change in changes for label, _old, _new in change.fields}
    shown = " ".join(f"{old} {new}" for change in changes for _label, old, new in change.fields)
    assert not {label for label in labels if "match" in label.lower() or "khóa" in label.lower()}
    assert stored_keys(SECOND).split("\t")[1] not in shown and stored_keys(FIRST).split("\t")[1] not in shown


@pytest.mark.django_db
def test_petition_page_history_shows_the_text_not_the_keys(town, as_user) -> None:
    petition = make_petition(town, FIRST)
    services.petition_update(
        petition=petition, text=SECOND, level=petition.level, user=None, field=None, body=None, complaint=False
    )
    response = as_user("office").get(f"/kien-nghi/{petition.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    history = page[page.index("Lịch sử thay đổi") :]
    assert "Nội dung kiến nghị" in history and SECOND in history
    for text in (FIRST, SECOND):
        key = stored_keys(text).split("\t")[1]  # the sorted, folded words only the matcher reads
        assert key not in page
