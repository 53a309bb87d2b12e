"""Rows of the programme's context in the dataset: resources of each registered unit, good
practices, the provinces' directive documents."""

import random
from datetime import date, datetime

from django.utils import timezone

from kieumau.adminunits.models import AdminUnit
from kieumau.bench.dataset.files import SampleFile
from kieumau.context.models import DirectiveDocument, GoodPractice, Resources
from kieumau.demo.common import resources_drawn
from kieumau.programme.models import Registration

PRACTICES = (
    ("Mô hình dịch vụ công trực tuyến tại Công an xã, phường", "dịch vụ công trực tuyến"),
    ("Chuyển đổi số trong quản lý cư trú", "chuyển đổi số"),
    ("Camera an ninh kết nối cộng đồng", "camera an ninh"),
    ("Tổ liên gia an toàn phòng cháy, chữa cháy", "phòng cháy chữa cháy"),
    ("Khu dân cư an toàn về an ninh, trật tự", "an ninh cơ sở"),
    ("Tiếp nhận tin báo qua ứng dụng định danh điện tử", "đề án 06"),
)
EXTRA_TAGS = ("cải cách hành chính", "an ninh cơ sở", "văn minh đô thị", "thanh niên")
PROGRAMME = "Công an xã, phường điển hình, kiểu mẫu về an ninh, trật tự"
DOCUMENT_KINDS = (  # issuer, kind, number suffix, title
    (DirectiveDocument.Issuer.PARTY_COMMITTEE, DirectiveDocument.Kind.RESOLUTION, "NQ/TU",
     "Nghị quyết về lãnh đạo xây dựng"),
    (DirectiveDocument.Issuer.PARTY_COMMITTEE, DirectiveDocument.Kind.DIRECTIVE, "CT/TU",
     "Chỉ thị về tăng cường lãnh đạo xây dựng"),
    (DirectiveDocument.Issuer.PARTY_COMMITTEE, DirectiveDocument.Kind.CONCLUSION, "KL/TU",
     "Kết luận về chủ trương xây dựng"),
    (DirectiveDocument.Issuer.PEOPLES_COMMITTEE, DirectiveDocument.Kind.SCHEME, "QĐ-UBND",
     "Đề án xây dựng"),
    (DirectiveDocument.Issuer.PEOPLES_COMMITTEE, DirectiveDocument.Kind.PLAN, "KH-UBND",
     "Kế hoạch triển khai xây dựng"),
    (DirectiveDocument.Issuer.PROVINCIAL_POLICE, DirectiveDocument.Kind.PLAN, "KH-CAT",
     "Kế hoạch của Công an tỉnh về xây dựng"),
    (DirectiveDocument.Issuer.PROVINCIAL_POLICE, DirectiveDocument.Kind.OFFICIAL_LETTER,
     "CV-CAT", "Công văn hướng dẫn xây dựng"),
)  # fmt: skip


def resources_row(
    rng: random.Random, registration: Registration, *, when: datetime, current: bool
) -> Resources:
    """Plausible staffing, headquarters, funding and equipment (as the demo draws them); in
    the open round some units are an officer or two short of their norm."""
    norm = rng.randint(18, 42)
    short = rng.choice((0, 0, 0, 1, 2)) if current else 0
    return Resources(
        registration=registration,
        **resources_drawn(rng, norm=norm, short_of_staff=short),
        updated_at=when,
    )


def good_practice_rows(
    rng: random.Random, registration: Registration, *, by: int, when: datetime
) -> tuple[GoodPractice, list[str]]:
    """A good practice of the unit and its tags (normalised: lower case)."""
    title, tag = rng.choice(PRACTICES)
    practice = GoodPractice(
        registration=registration,
        title=title,
        description=(
            f"{title}: cách làm, kết quả đạt được và kinh nghiệm nhân rộng tại "
            f"{registration.unit.full_name}."
        ),
        created_by_id=by,
        created_at=when,
    )
    extra = rng.sample(EXTRA_TAGS, rng.randint(0, 2))
    return practice, list(dict.fromkeys([tag, *extra]))


def directive_documents(
    rng: random.Random,
    provinces: list[AdminUnit],
    *,
    year: int,
    on: tuple[date, date],
    officers: dict[int, list[int]],
    pdf: SampleFile,
) -> list[DirectiveDocument]:
    """Two to four documents of each province dated within ``on``, some with the PDF."""
    first, last = on
    span = max((last - first).days, 0)
    documents = []
    for province in provinces:
        place = province.full_name[0].lower() + province.full_name[1:]
        kinds = rng.sample(DOCUMENT_KINDS, rng.randint(2, 4))
        for number, (issuer, kind, suffix, title) in enumerate(kinds, start=1):
            attached = rng.random() < 0.4
            documents.append(
                DirectiveDocument(
                    province=province,
                    issuer=issuer,
                    kind=kind,
                    number=f"{number * 100 + rng.randint(1, 99)}-{year}/{suffix}",
                    date=date.fromordinal(first.toordinal() + rng.randint(0, span)),
                    title=f"{title} {PROGRAMME} trên địa bàn {place} năm {year}",
                    file=pdf.name if attached else "",
                    file_name=f"van-ban-{year}-{number}.pdf" if attached else "",
                    file_content_type=pdf.content_type if attached else "",
                    file_size=pdf.size if attached else None,
                    file_sha256=pdf.sha256 if attached else "",
                    created_by_id=rng.choice(officers[province.pk]),
                )
            )
    return documents


def local_day(moment: datetime) -> date:
    return timezone.localdate(moment)
