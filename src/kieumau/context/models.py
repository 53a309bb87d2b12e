from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveDocument(models.Model):
    """A province's leadership document for the programme (văn bản chỉ đạo)."""

    class Issuer(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Party committee (Tỉnh ủy / Thành ủy)")
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PROVINCIAL_POLICE = "provincial_police", _("Provincial police")

    class Kind(models.TextChoices):
        RESOLUTION = "nghi_quyet", _("resolution (nghị quyết)")
        DIRECTIVE = "chi_thi", _("directive (chỉ thị)")
        CONCLUSION = "ket_luan", _("conclusion (kết luận)")
        PROGRAMME = "chuong_trinh", _("programme (chương trình)")
        OFFICIAL_LETTER = "cong_van", _("official letter (công văn)")
        PLAN = "ke_hoach", _("plan (kế hoạch)")
        SCHEME = "de_an", _("scheme (đề án)")

    province = models.ForeignKey(
        "adminunits.AdminUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    issuer = models.CharField(_("issuer"), max_length=20, choices=Issuer.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=50)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500)
    file = models.FileField(_("file"), upload_to="directives/", blank=True, max_length=300)
    # What upload_check found; empty when there is no file.
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_content_type = models.CharField(_("content type"), max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["province__code", "-date"]
        verbose_name = _("directive document")
        verbose_name_plural = _("directive documents")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "issuer", "number", "date"],
                name="directive_unique_number",
                violation_error_message=_(
                    "A document with the same number, date and issuer is already recorded for "
                    "this province."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} ({self.date:%d/%m/%Y})"


class Resources(models.Model):
    """Staffing, headquarters, funding and equipment of a registered unit in a round (nguồn lực)."""

    class Headquarters(models.TextChoices):
        INDEPENDENT = "independent", _("independent building")
        CONVERTED = "converted", _("converted building")
        SHARED = "shared", _("shared with another body")
        UNDER_CONSTRUCTION = "under_construction", _("under construction")

    registration = models.OneToOneField(
        "programme.Registration",
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("registration"),
    )
    staff_norm = models.PositiveIntegerField(_("staff norm (định biên)"))
    staff_actual = models.PositiveIntegerField(_("staff in post"))
    staff_under_35 = models.PositiveIntegerField(_("officers under 35"))
    staff_with_degree = models.PositiveIntegerField(_("officers with a university degree"))
    headquarters = models.CharField(_("headquarters"), max_length=20, choices=Headquarters.choices)
    funding_planned_vnd = models.PositiveBigIntegerField(_("funding planned (VND)"), default=0)
    funding_disbursed_vnd = models.PositiveBigIntegerField(_("funding disbursed (VND)"), default=0)
    equipment_adequate = models.BooleanField(_("equipment meets the norm"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("resources")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff_under_35__lte=models.F("staff_actual"))
                & models.Q(staff_with_degree__lte=models.F("staff_actual")),
                name="resources_staff_counts_fit",
                violation_error_message=_(
                    "The officers under 35 and those with a university degree may not outnumber "
                    "the officers in post."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration.unit}: {self.staff_actual}/{self.staff_norm}"


class GoodPractice(models.Model):
    """A model practice a unit shares (mô hình hay), e.g. online public services."""

    registration = models.ForeignKey(
        "programme.Registration",
        on_delete=models.CASCADE,
        related_name="good_practices",
        verbose_name=_("registration"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared by"),
    )
    created_at = models.DateTimeField(_("shared at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title


class GoodPracticeTag(models.Model):
    """A normalised (trimmed, lower-case) tag of a good practice, one row per tag."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="tags", verbose_name=_("good practice")
    )
    name = models.CharField(_("tag"), max_length=50)

    class Meta:
        ordering = ["practice", "id"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "name"],
                name="practice_tag_once",
                violation_error_message=_("The practice already has this tag."),
            )
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class GoodPracticePhoto(models.Model):
    practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("good practice"),
    )
    image = models.FileField(_("photo"), upload_to="practices/", max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["practice", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.original_name
