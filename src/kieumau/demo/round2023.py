"""Round 2023: the nationwide pilot as the ministry's one-year review reports it (illustrative)."""

import random
from datetime import date

from django.db import transaction

from kieumau.accounts.models import Role, User
from kieumau.adminunits.models import AdminMap
from kieumau.adminunits.names import normalise_name
from kieumau.assessments.models import State
from kieumau.context.models import DirectiveDocument
from kieumau.context.services import directive_document_add, good_practice_add
from kieumau.demo.actors import officers_ensure
from kieumau.demo.common import (
    Actors,
    Plan,
    Progress,
    assess,
    resources_record,
    round_open,
)
from kieumau.demo.values import weighted_sample
from kieumau.programme.models import QuotaRule, Round
from kieumau.programme.services import registration_create

YEAR = 2023
MAP_CODE = "2023-05"
REGISTERED = 172  # 106 by quota + 66 over it
AT_LEAST_20 = 144
FULL = 62  # of the 144: 22/22, recognised; the others (20–21) approved by the province
RETURNED = 20  # of the 28 below 20/22; the rest rejected
DECISION = ("2215/QĐ-BCA", date(2023, 12, 26))
# Exemplary units named in the review: province → phường (district where a name repeats).
EXEMPLARY = {
    "Hà Nội": ("Nhật Tân", "Phú Thượng", "Dịch Vọng Hậu"),
    "Đồng Nai": ("Xuân An", "Tam Hiệp", "Bửu Long"),
    "Yên Bái": ("Minh Tân",),
    "Nam Định": ("Lộc Hòa", "Thống Nhất"),
    "Bắc Ninh": ("Suối Hoa",),
    "Nghệ An": ("Trường Thi", "Hà Huy Tập", "Hòa Hiếu", "Quang Tiến", "Long Sơn", "Nghi Thu"),
}
# Unmet most often: TC21 > TC22 > TC12 > TC13 > every other (checked after drawing).
UNMET_WEIGHTS = {"TC21": 14.0, "TC22": 10.0, "TC12": 7.0, "TC13": 5.0}
RANKED = ("TC21", "TC22", "TC12", "TC13")
GOOD_PRACTICES = {
    ("Nghệ An", "Nghi Thu"): (
        "Mô hình dịch vụ công trực tuyến tại Công an phường",
        "Hướng dẫn, hỗ trợ người dân nộp hồ sơ cư trú và định danh điện tử qua Cổng dịch vụ "
        "công; tổ công tác lưu động đến từng khối phố; phần lớn thủ tục được giải quyết trực "
        "tuyến.",
        ["dịch vụ công trực tuyến", "cải cách hành chính"],
    ),
    ("Nghệ An", "Trường Thi"): (
        "Chuyển đổi số trong công tác Công an phường",
        "Số hóa hồ sơ quản lý cư trú, kết nối camera an ninh với trung tâm chỉ huy, tiếp nhận "
        "tin báo qua ứng dụng; triển khai các tiện ích của Đề án 06 cho người dân.",
        ["chuyển đổi số", "đề án 06"],
    ),
    ("Hà Nội", "Nhật Tân"): (
        "Camera an ninh kết nối cộng đồng",
        "Vận động hộ gia đình, cơ sở kinh doanh lắp camera hướng ra đường, chia sẻ hình ảnh "
        "với Công an phường.",
        ["camera an ninh", "an ninh cơ sở"],
    ),
    ("Bắc Ninh", "Suối Hoa"): (
        "Tổ liên gia an toàn phòng cháy, chữa cháy",
        "Các hộ liền kề cùng trang bị bình chữa cháy, chuông báo và diễn tập định kỳ.",
        ["phòng cháy chữa cháy", "an ninh cơ sở"],
    ),
}
PARTY_KINDS = {  # kind → (weight, number suffix, title)
    DirectiveDocument.Kind.RESOLUTION: (2, "NQ", "Nghị quyết về lãnh đạo xây dựng"),
    DirectiveDocument.Kind.DIRECTIVE: (3, "CT", "Chỉ thị về tăng cường lãnh đạo xây dựng"),
    DirectiveDocument.Kind.CONCLUSION: (4, "KL", "Kết luận về chủ trương xây dựng"),
}
OTHER_KINDS = {
    DirectiveDocument.Kind.PROGRAMME: (1, "CTr", "Chương trình hành động xây dựng"),
    DirectiveDocument.Kind.OFFICIAL_LETTER: (1, "CV", "Công văn chỉ đạo xây dựng"),
    DirectiveDocument.Kind.PLAN: (1, "KH", "Kế hoạch lãnh đạo xây dựng"),
}
PROGRAMME_NAME = "Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị"


def round_2023_create(*, ministry: User, rng: random.Random, progress: Progress) -> Round:
    """Create round 2023 with its registrations, assessments, documents, resources, practices.

    Side effects (all in one transaction, through the domain services, audited): the round and
    its quotas; 172 registrations with assessments; resources of each unit; directive
    documents of the provinces; good practices; demo officers of the provinces and registered
    phường of the 2023-05 map (unusable passwords).
    """
    with transaction.atomic():
        admin_map = AdminMap.objects.get(code=MAP_CODE)
        opened = round_open(
            ministry=ministry,
            year=YEAR,
            name=f"Đợt đánh giá {YEAR} (thí điểm toàn quốc)",
            admin_map=admin_map,
            quota_rule=QuotaRule.PILOT_2023,
        )
        round_, criteria = opened.round, opened.criteria
        provinces, quotas, wards = opened.provinces, opened.quotas, opened.wards
        chosen, exemplary = _units_choose(rng, provinces, quotas, wards)
        officers = officers_ensure(Role.PROVINCE, admin_map, provinces)
        ward_officers = officers_ensure(
            Role.WARD, admin_map, [u for units in chosen.values() for u in units]
        )
        plans = _plans(rng, criteria, [u.pk for units in chosen.values() for u in units], exemplary)
        total, done = REGISTERED * 2 + len(provinces), 0
        registrations = []
        for province in provinces:
            for unit in chosen[province.pk]:
                registrations.append(
                    registration_create(actor=officers[province.pk], round=round_, unit=unit)
                )
                done += 1
                progress(done, total)
        names = {u.pk: (p.name, u.name) for p in provinces for u in chosen[p.pk]}
        for registration in registrations:
            unit = registration.unit
            actors = Actors(ward_officers[unit.pk], officers[unit.province_id], ministry)
            resources_record(registration=registration, ward=actors.ward, rng=rng)
            assess(
                registration=registration,
                criteria=criteria,
                plan=plans[unit.pk],
                actors=actors,
                rng=rng,
                decision=DECISION,
            )
            practice = GOOD_PRACTICES.get(names[unit.pk])
            if practice is not None:
                title, description, tags = practice
                good_practice_add(
                    actor=actors.ward,
                    registration=registration,
                    title=title,
                    description=description,
                    tags=tags,
                )
            done += 1
            progress(done, total)
        documents = _documents_draw(rng, provinces)
        for province in provinces:
            _documents_add(rng, province, officers[province.pk], documents[province.pk])
            done += 1
            progress(done, total)
        return round_


def _units_choose(rng, provinces, quotas, wards):
    """The phường each province registers (its quota, the named units, extras to 66 over),
    and the ids of the named ones."""
    by_name = {p.name: p for p in provinces}
    named: dict[int, list] = {p.pk: [] for p in provinces}
    for province_name, ward_names in EXEMPLARY.items():
        province = by_name[province_name]
        for ward_name in ward_names:
            matches = [
                w for w in wards[province.pk] if normalise_name(w.name) == normalise_name(ward_name)
            ]
            if len(matches) != 1:
                raise RuntimeError(f"{ward_name} ({province_name}): {len(matches)} phường trùng")
            named[province.pk].append(matches[0])
    counts = {p.pk: max(quotas[p.pk], len(named[p.pk])) for p in provinces}
    extra = REGISTERED - sum(counts.values())
    for _ in range(extra):
        open_ = [p.pk for p in provinces if counts[p.pk] < len(wards[p.pk])]
        counts[rng.choice(open_)] += 1
    chosen = {}
    for p in provinces:
        others = [w for w in wards[p.pk] if w not in named[p.pk]]
        picked = named[p.pk] + rng.sample(others, counts[p.pk] - len(named[p.pk]))
        chosen[p.pk] = sorted(picked, key=lambda w: w.code)
    return chosen, {w.pk for units in named.values() for w in units}


def _plans(rng, criteria, unit_ids, exemplary) -> dict[int, Plan]:
    """Each unit's unmet criteria and final state; the counts of the review, the ranking."""
    mandatory = {c.code for c in criteria if c.mandatory}
    optional = {c.code: UNMET_WEIGHTS.get(c.code, 1.0) for c in criteria if not c.mandatory}
    anyone = {**optional, **{code: 0.5 for code in mandatory}}
    others = [pk for pk in unit_ids if pk not in exemplary]
    rng.shuffle(others)
    full = list(exemplary) + others[: FULL - len(exemplary)]
    basic = others[FULL - len(exemplary) : AT_LEAST_20 - len(exemplary)]
    below = others[AT_LEAST_20 - len(exemplary) :]
    plans = {pk: Plan(frozenset(), State.RECOGNISED) for pk in full}
    for pk in basic:
        unmet = weighted_sample(rng, optional, rng.choice((1, 2)))
        plans[pk] = Plan(frozenset(unmet), State.PROVINCE_APPROVED)
    for index, pk in enumerate(below):
        unmet = frozenset(weighted_sample(rng, anyone, rng.randint(3, 6)))
        listed = ", ".join(sorted(unmet))
        if index < RETURNED:
            comment = f"Chưa đạt các tiêu chí {listed}: đề nghị bổ sung kế hoạch khắc phục."
            plans[pk] = Plan(unmet, State.RETURNED, comment)
        else:
            comment = f"Chưa đủ điều kiện: không đạt các tiêu chí {listed}."
            plans[pk] = Plan(unmet, State.REJECTED, comment)
    counts = {c.code: 0 for c in criteria}
    for plan in plans.values():
        for code in plan.unmet:
            counts[code] += 1
    ranked = [counts[code] for code in RANKED]
    rest = max(n for code, n in counts.items() if code not in RANKED)
    if not (ranked[0] > ranked[1] > ranked[2] > ranked[3] > rest):
        raise RuntimeError(f"Thứ tự tiêu chí chưa đạt không đúng: {counts}")
    return plans


def _documents_draw(rng, provinces) -> dict[int, tuple]:
    """Party committee: 55 provinces one resolution/directive/conclusion, the 8 others one
    programme, letter or plan; People's Committee: a scheme in 29 provinces."""
    ids = [p.pk for p in provinces]
    shuffled = rng.sample(ids, len(ids))
    schemes = set(rng.sample(ids, 29))
    drawn = {}
    for index, pk in enumerate(shuffled):
        kinds = PARTY_KINDS if index < 55 else OTHER_KINDS
        keys = list(kinds)
        kind = rng.choices(keys, weights=[kinds[k][0] for k in keys])[0]
        drawn[pk] = (kind, kinds[kind], pk in schemes)
    return drawn


def _documents_add(rng, province, officer, drawn) -> None:
    kind, (_, suffix, title), scheme = drawn
    place = province.full_name[0].lower() + province.full_name[1:]
    committee = "ThU" if province.full_name.startswith("Thành phố") else "TU"
    directive_document_add(
        actor=officer,
        province=province,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=kind,
        number=f"{rng.randint(10, 250)}-{suffix}/{committee}",
        date=date(YEAR, rng.randint(2, 6), rng.randint(1, 28)),
        title=f"{title} {PROGRAMME_NAME} trên địa bàn {place}",
    )
    if scheme:
        directive_document_add(
            actor=officer,
            province=province,
            issuer=DirectiveDocument.Issuer.PEOPLES_COMMITTEE,
            kind=DirectiveDocument.Kind.SCHEME,
            number=f"{rng.randint(100, 3000)}/QĐ-UBND",
            date=date(YEAR, rng.randint(3, 9), rng.randint(1, 28)),
            title=f"Đề án xây dựng {PROGRAMME_NAME} trên địa bàn {place}",
        )
