"""The register of official documents: outgoing and incoming documents, their numbering and templates.

Format and numbering follow Nghị định 30/2020/NĐ-CP (công tác văn thư), Phụ lục I and III.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from hdnd.constraints import CheckConstraint
from registry.models import Body, Council, Person


class Direction(models.TextChoices):
    OUTGOING = "di", "Văn bản đi"
    INCOMING = "den", "Văn bản đến"


class DocType(models.TextChoices):
    NGHI_QUYET = "nghi_quyet", "Nghị quyết"
    QUYET_DINH = "quyet_dinh", "Quyết định"
    CHI_THI = "chi_thi", "Chỉ thị"
    QUY_CHE = "quy_che", "Quy chế"
    QUY_DINH = "quy_dinh", "Quy định"
    THONG_BAO = "thong_bao", "Thông báo"
    KET_LUAN = "ket_luan", "Kết luận"
    HUONG_DAN = "huong_dan", "Hướng dẫn"
    CHUONG_TRINH = "chuong_trinh", "Chương trình"
    KE_HOACH = "ke_hoach", "Kế hoạch"
    DE_AN = "de_an", "Đề án"
    BAO_CAO = "bao_cao", "Báo cáo"
    BIEN_BAN = "bien_ban", "Biên bản"
    TO_TRINH = "to_trinh", "Tờ trình"
    CONG_VAN = "cong_van", "Công văn"
    CONG_DIEN = "cong_dien", "Công điện"
    GIAY_MOI = "giay_moi", "Giấy mời"
    GIAY_GIOI_THIEU = "giay_gioi_thieu", "Giấy giới thiệu"
    PHIEU_GUI = "phieu_gui", "Phiếu gửi"


# Nghị định 30/2020/NĐ-CP, Phụ lục III: abbreviations of the types of administrative documents.
# A letter (công văn) carries none: its symbol is the issuer's and the drafting unit's ("15/HĐND-VP").
TYPE_ABBREVIATIONS: dict[str, str] = {
    DocType.NGHI_QUYET: "NQ",
    DocType.QUYET_DINH: "QĐ",
    DocType.CHI_THI: "CT",
    DocType.QUY_CHE: "QC",
    DocType.QUY_DINH: "QyĐ",
    DocType.THONG_BAO: "TB",
    DocType.KET_LUAN: "KL",
    DocType.HUONG_DAN: "HD",
    DocType.CHUONG_TRINH: "CTr",
    DocType.KE_HOACH: "KH",
    DocType.DE_AN: "ĐA",
    DocType.BAO_CAO: "BC",
    DocType.BIEN_BAN: "BB",
    DocType.TO_TRINH: "TTr",
    DocType.CONG_VAN: "",
    DocType.CONG_DIEN: "CĐ",
    DocType.GIAY_MOI: "GM",
    DocType.GIAY_GIOI_THIEU: "GGT",
    DocType.PHIEU_GUI: "PG",
}

# Only these types can be legal normative documents of a council (Luật Ban hành văn bản quy phạm pháp
# luật 64/2025/QH15, Điều 4: a council issues normative resolutions).
NORMATIVE_TYPES = {DocType.NGHI_QUYET, DocType.QUYET_DINH}


class State(models.TextChoices):
    DRAFT = "du_thao", "Dự thảo"
    ISSUED = "ban_hanh", "Đã ban hành"
    PUBLISHED = "cong_khai", "Đã công khai"
    WITHDRAWN = "thu_hoi", "Đã thu hồi"
    RECEIVED = "da_den", "Đã tiếp nhận"


class Authority(models.TextChoices):
    NONE = "", "Ký trực tiếp"
    TM = "TM.", "TM. (thay mặt tập thể)"
    KT = "KT.", "KT. (ký thay người đứng đầu)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"
    Q = "Q.", "Q. (quyền)"


class Issuer(models.Model):
    """An authority of the council as it is named on its documents (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 2).

    `symbol` follows the type in the number ("03/TB-HĐND"); `letter_symbol` is a letter's whole symbol,
    the issuer and the drafting unit ("15/HĐND-VP").
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="issuers")
    body = models.ForeignKey(
        Body,
        verbose_name="cơ quan trong danh mục",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("tên cơ quan ban hành", max_length=200, help_text="Ví dụ: Hội đồng nhân dân thị xã Đức Phổ")
    parent_name = models.CharField(
        "tên cơ quan chủ quản", max_length=200, blank=True, help_text="Ví dụ: HĐND tỉnh Quảng Ngãi (với các Ban)"
    )
    symbol = models.CharField("chữ viết tắt", max_length=30, help_text="Ví dụ: HĐND")
    letter_symbol = models.CharField("ký hiệu công văn", max_length=40, help_text="Ví dụ: HĐND-VP")
    is_default = models.BooleanField("mặc định", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "symbol"],
                name="issuer_unique_symbol",
                violation_error_message="Hội đồng đã có cơ quan ban hành với chữ viết tắt này.",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(is_default=True),
                name="issuer_one_default",
                violation_error_message="Hội đồng chỉ có một cơ quan ban hành mặc định.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.symbol})"


class NumberingSeries(models.Model):
    """A council's choice of series and number pattern for a document type (defaults in `numbering.py`).

    Placeholders of the pattern: {so} number, {nam} year, {loai} type abbreviation, {ky_hieu} the
    issuer's symbol, {ky_hieu_cv} the issuer's letter symbol.
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    doc_type = models.CharField("loại văn bản", max_length=20, choices=DocType.choices)
    normative = models.BooleanField("văn bản quy phạm pháp luật", default=False)
    series = models.CharField("sổ đăng ký", max_length=20, help_text="Văn bản cùng sổ dùng chung một dãy số.")
    pattern = models.CharField("mẫu số, ký hiệu", max_length=60)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        constraints = [
            models.UniqueConstraint(fields=["council", "doc_type", "normative"], name="series_unique_type"),
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()}: {self.pattern}"


class NumberCounter(models.Model):
    """The last number taken in a series of a year: the row that issuing locks (select_for_update).

    `scope` is the issuer ("issuer:<id>") or the incoming register ("den"), a string so that the
    uniqueness holds without NULLs.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=30)
    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bộ đếm số văn bản"
        verbose_name_plural = "bộ đếm số văn bản"
        constraints = [
            models.UniqueConstraint(fields=["council", "scope", "series", "year"], name="counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.series} {self.year}: {self.last}"


class Document(models.Model):
    """An outgoing document (drafted, issued, published, withdrawn) or an incoming one (received)."""

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="documents")
    direction = models.CharField("sổ", max_length=3, choices=Direction.choices, default=Direction.OUTGOING)
    doc_type = models.CharField("loại văn bản", max_length=20, choices=DocType.choices)
    normative = models.BooleanField("văn bản quy phạm pháp luật", default=False)
    issuer = models.ForeignKey(
        Issuer, verbose_name="cơ quan ban hành", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    series = models.CharField("sổ đăng ký", max_length=20, blank=True, editable=False)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True, editable=False)
    number = models.PositiveIntegerField("số", null=True, blank=True, editable=False)
    number_symbol = models.CharField("số, ký hiệu", max_length=60, blank=True, editable=False)
    place = models.CharField("địa danh", max_length=80, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    subject = models.CharField("trích yếu nội dung", max_length=500, blank=True)
    body = models.TextField(
        "nội dung",
        blank=True,
        help_text="Mỗi dòng là một đoạn. Dòng bắt đầu bằng “# ” là đề mục in đậm, “## ” là đề mục in đậm nghiêng, "
        "“! ” là dòng in đậm căn giữa (ví dụ: QUYẾT NGHỊ:).",
        max_length=50_000,
    )
    signer_authority = models.CharField(
        "thẩm quyền ký", max_length=5, choices=Authority.choices, blank=True, default=Authority.NONE
    )
    signer_collective = models.CharField(
        "tập thể, người đứng đầu", max_length=120, blank=True, help_text="Ví dụ: Thường trực HĐND"
    )
    signer_title = models.CharField("chức vụ người ký", max_length=120, blank=True, help_text="Ví dụ: Chánh Văn phòng")
    signer_name = models.CharField("họ và tên người ký", max_length=120, blank=True)
    recipient_bodies = models.ManyToManyField(
        Body, verbose_name="nơi nhận trong danh mục", blank=True, related_name="documents_received"
    )
    recipient_lines = models.TextField(
        "nơi nhận khác",
        blank=True,
        help_text="Mỗi dòng một nơi nhận; “Lưu: VT.” luôn được thêm ở cuối.",
        max_length=5_000,
    )
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField("ngày công khai", null=True, blank=True, editable=False)
    withdrawn_on = models.DateField("ngày thu hồi", null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField("lý do thu hồi", max_length=500, blank=True, editable=False)
    # The record a document came from (a meeting, a resolution...): workflow apps link theirs here
    # without documents importing them.
    source_type = models.ForeignKey(
        ContentType, verbose_name="loại hồ sơ nguồn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField("mã hồ sơ nguồn", null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # What the source's records gave the draft's text when it was last generated from them (a digest), so
    # a draft whose records changed since says so until it is generated again (documents.sources).
    generated_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    # Incoming documents.
    sender_body = models.ForeignKey(
        Body, verbose_name="cơ quan gửi", null=True, blank=True, on_delete=models.PROTECT, related_name="documents_sent"
    )
    sender_name = models.CharField("cơ quan gửi (ngoài danh mục)", max_length=200, blank=True)
    external_number = models.CharField("số, ký hiệu của văn bản đến", max_length=60, blank=True)
    external_date = models.DateField("ngày của văn bản đến", null=True, blank=True)
    received_on = models.DateField("ngày đến", null=True, blank=True)
    handler_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler_person = models.ForeignKey(
        Person, verbose_name="người xử lý (cá nhân)", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    subject_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")
    number_folded = models.CharField(max_length=130, db_index=True, editable=False, default="")
    history = HistoricalRecords(m2m_fields=["recipient_bodies"])

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["council", "direction", "state", "issued_on"], name="document_register"),
            # The register's orders (outgoing by entry, incoming by arrival) and the public list's, newest
            # first: a page is read from the index instead of sorting the council's (or the nation's) rows.
            models.Index(fields=["council", "direction", "-created_at", "-id"], name="document_register_order"),
            models.Index(
                fields=["council", "direction", "-received_on", "-number", "-id"], name="document_incoming_order"
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(direction="di", state="cong_khai"),
                name="document_public_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "issuer", "series", "year", "number"],
                condition=Q(number__isnull=False, direction="di"),
                name="document_unique_number",
                violation_error_message="Số văn bản này đã được dùng trong năm.",
            ),
            CheckConstraint(
                condition=Q(state="du_thao") | Q(direction="den") | Q(number__isnull=False, issued_on__isnull=False),
                name="document_issued_has_number",
                violation_error_message="Văn bản đã ban hành phải có số và ngày ban hành.",
            ),
            CheckConstraint(
                condition=Q(direction="di") | Q(state="da_den"),
                name="document_incoming_state",
                violation_error_message="Văn bản đến chỉ có trạng thái đã tiếp nhận.",
            ),
            CheckConstraint(
                condition=Q(normative=False) | Q(doc_type__in=sorted(NORMATIVE_TYPES)),
                name="document_normative_type",
                violation_error_message="Chỉ nghị quyết, quyết định mới có thể là văn bản quy phạm pháp luật.",
            ),
        ]

    def __str__(self) -> str:
        label = self.number_symbol or self.external_number or "Dự thảo"
        # Cut with an ellipsis, never mid-word without a sign (a history row names the document by this).
        return Truncator(f"{self.get_doc_type_display()} {label}: {self.subject}").chars(200)

    @property
    def is_outgoing(self) -> bool:
        return self.direction == Direction.OUTGOING

    @property
    def is_frozen(self) -> bool:
        """An issued document is the record of what was sent: it is never edited again."""
        return self.direction == Direction.OUTGOING and self.state != State.DRAFT

    @property
    def is_draft(self) -> bool:
        return self.state == State.DRAFT

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == State.WITHDRAWN

    @property
    def sender(self) -> str:
        return self.sender_body.name if self.sender_body_id else self.sender_name


def _attachment_path(instance: "Attachment", filename: str) -> str:
    return f"van-ban/{instance.document.council_id}/{instance.document_id}/{filename}"


class Attachment(models.Model):
    """A file attached to a document (scanned signed copy, annex, incoming original)."""

    document = models.ForeignKey(Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to=_attachment_path, max_length=300)
    name = models.CharField("tên tệp", max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class DocumentTemplate(models.Model):
    """A council's own DOCX template for a type ("" = the generic one), replacing the shipped one.

    Kept in the database, not in media: a template is small and must travel with the council's data.
    """

    council = models.ForeignKey(Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="+")
    doc_type = models.CharField("loại văn bản", max_length=20, blank=True)
    content = models.BinaryField("nội dung tệp")
    filename = models.CharField("tên tệp tải lên", max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now=True)
    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"
        constraints = [models.UniqueConstraint(fields=["council", "doc_type"], name="template_unique_type")]

    def __str__(self) -> str:
        return f"Mẫu {self.doc_type or 'chung'} — {self.filename}"
