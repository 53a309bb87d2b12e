"""A small 2023 programme for the summary-report tests, on the 63-province map.

Nghệ An (40): 3 units — Phường A recognised with 22/22 (decision 12/QĐ-BCA), Phường B
submitted with 20/22, Phường C a draft. Hà Nội (01): 2 units — one approved with 21/22, one
returned with 18/22. Hà Giang (02): 1 unit recognised with 22/22. 6 registered, 4 assessed
(submitted at least once), 3 at ≥ 20/22 among them … see ``summary_programme``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kieumau.adminunits.models import AdminUnit
from kieumau.assessments.models import Assessment, Recognition, State
from kieumau.assessments.services.common import verdict_refresh
from kieumau.context.models import DirectiveDocument, GoodPractice, Resources
from kieumau.criteria.types import Comparator, Kind
from kieumau.programme.models import Round
from tests.web.factories import unit_get, wards_register


def meeting_value(criterion) -> Decimal:
    """A value that meets ``criterion``."""
    if criterion.kind == Kind.BOOL:
        return Decimal(1)
    threshold = criterion.threshold
    return {
        Comparator.GE: threshold,
        Comparator.GT: threshold + 1,
        Comparator.LE: threshold,
        Comparator.LT: threshold - 1,
        Comparator.EQ: threshold,
    }[criterion.comparator]


def results_set(assessment: Assessment, *, met: int) -> None:
    """Meet the first ``met`` criteria in set order … actually every mandatory one and as many
    others as needed for ``met`` in all; the rest stay empty (unmet). Refreshes the verdict."""
    results = list(assessment.results.select_related("criterion").order_by("criterion__position"))
    mandatory = [r for r in results if r.criterion.mandatory]
    others = [r for r in results if not r.criterion.mandatory]
    chosen = (mandatory + others)[:met]
    for result in results:
        result.self_value = meeting_value(result.criterion) if result in chosen else None
        result.save(update_fields=["self_value"])
    verdict_refresh(Assessment.objects.get(pk=assessment.pk))


@dataclass
class Programme:
    round: Round
    nghe_an: AdminUnit
    hanoi: AdminUnit
    ha_giang: AdminUnit
    units: dict[str, Assessment]


def summary_programme(round_2023: Round, people) -> Programme:
    admin_map = round_2023.admin_map
    nghe_an, hanoi, ha_giang = (unit_get(admin_map, code) for code in ("40", "01", "02"))
    na = wards_register(round_2023, people.ministry, 3, province=nghe_an)
    hn = wards_register(round_2023, people.ministry, 2, province=hanoi)
    hg = wards_register(round_2023, people.ministry, 1, province=ha_giang)
    plan = [
        (na[0], 22, State.RECOGNISED),
        (na[1], 20, State.SUBMITTED),
        (na[2], 10, State.DRAFT),
        (hn[0], 21, State.PROVINCE_APPROVED),
        (hn[1], 18, State.RETURNED),
        (hg[0], 22, State.RECOGNISED),
    ]
    for assessment, met, state in plan:
        results_set(assessment, met=met)
        Assessment.objects.filter(pk=assessment.pk).update(state=state)
    Recognition.objects.create(
        assessment=na[0],
        decision_number="12/QĐ-BCA",
        decision_date=date(2023, 12, 20),
        recognised_by=people.ministry,
    )
    GoodPractice.objects.create(
        registration=na[0].registration,
        title="Dịch vụ công trực tuyến",
        description="Hướng dẫn người dân nộp hồ sơ trực tuyến.",
        created_by=people.ministry,
    )
    documents = [
        (nghe_an, "party_committee", "nghi_quyet", "01-NQ/TU"),
        (nghe_an, "peoples_committee", "de_an", "02/ĐA-UBND"),
        (hanoi, "party_committee", "chi_thi", "03-CT/TU"),
        (hanoi, "provincial_police", "ke_hoach", "04/KH-CAT"),
        (ha_giang, "provincial_police", "ke_hoach", "05/KH-CAT"),
    ]
    for province, issuer, kind, number in documents:
        DirectiveDocument.objects.create(
            province=province,
            issuer=issuer,
            kind=kind,
            number=number,
            date=date(2023, 3, 1),
            title="Về xây dựng Công an phường điển hình, kiểu mẫu",
            created_by=people.ministry,
        )
    resources = [  # (assessment, norm, actual, planned, disbursed, headquarters)
        (na[0], 20, 20, 1_000_000_000, 800_000_000, "independent"),
        (na[1], 18, 18, 500_000_000, 500_000_000, "converted"),
        (na[2], 15, 15, 0, 0, "shared"),
        (hn[0], 25, 24, 2_000_000_000, 1_500_000_000, "converted"),
        (hn[1], 20, 20, 0, 0, "independent"),
        (hg[0], 12, 12, 300_000_000, 300_000_000, "under_construction"),
    ]
    for assessment, norm, actual, planned, disbursed, hq in resources:
        Resources.objects.create(
            registration=assessment.registration,
            staff_norm=norm,
            staff_actual=actual,
            staff_under_35=actual // 2,
            staff_with_degree=actual - 1,
            headquarters=hq,
            funding_planned_vnd=planned,
            funding_disbursed_vnd=disbursed,
            equipment_adequate=True,
        )
    return Programme(
        round=round_2023,
        nghe_an=nghe_an,
        hanoi=hanoi,
        ha_giang=ha_giang,
        units={"na0": na[0], "na1": na[1], "na2": na[2], "hn0": hn[0], "hn1": hn[1], "hg0": hg[0]},
    )
