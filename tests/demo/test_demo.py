from kieumau.accounts.models import User
from kieumau.adminunits.types import Level
from kieumau.assessments.models import Assessment, State
from kieumau.context.models import DirectiveDocument, GoodPractice
from kieumau.context.selectors import documents_by_issuer_and_kind, staffing_summary
from kieumau.demo.generate import demo_data_ensure
from kieumau.demo.round2023 import EXEMPLARY
from kieumau.programme.models import Registration, Round
from kieumau.programme.selectors import quotas_for_round
from kieumau.reports.analytics import criteria_unmet, round_figures

Issuer, Kind = DirectiveDocument.Issuer, DirectiveDocument.Kind


def test_demo_data_reproduces_the_2023_review_and_a_2025_round_and_is_idempotent(maps):
    assert demo_data_ensure() == [(2023, True), (2025, True)]

    round_2023 = Round.objects.get(year=2023)
    assert (round_2023.admin_map.code, round_2023.criteria_set.code) == (
        "2023-05",
        "mau-22-tieu-chi",
    )
    quotas = list(quotas_for_round(round_2023))
    assert len(quotas) == 63
    assert sum(q.effective_quota for q in quotas) == 106
    assert all(q.registered >= q.effective_quota for q in quotas)
    assert sum(q.over for q in quotas) == 66

    figures = round_figures(round_2023)
    assert (figures.quota, figures.registered, figures.over_quota) == (106, 172, 66)
    assert figures.assessed == 172
    assert figures.full + figures.basic == 144
    assert figures.not_met == 28
    assert (
        Assessment.objects.filter(registration__round=round_2023, met_count__gte=20).count() == 144
    )
    assert figures.by_state[State.RECOGNISED] == figures.full == 62
    assert figures.by_state[State.PROVINCE_APPROVED] == 82
    assert figures.by_state[State.RETURNED] + figures.by_state[State.REJECTED] == 28

    ranking = criteria_unmet(round_2023)
    assert [row.code for row in ranking[:4]] == ["TC21", "TC22", "TC12", "TC13"]
    counts = [row.unmet for row in ranking[:5]]
    assert counts[0] > counts[1] > counts[2] > counts[3] > counts[4]

    documents = {row.issuer: row for row in documents_by_issuer_and_kind(round_2023.admin_map)}
    party = documents[Issuer.PARTY_COMMITTEE].by_kind
    assert sum(party.get(k, 0) for k in (Kind.RESOLUTION, Kind.DIRECTIVE, Kind.CONCLUSION)) == 55
    assert sum(party.get(k, 0) for k in (Kind.PROGRAMME, Kind.OFFICIAL_LETTER, Kind.PLAN)) == 8
    assert documents[Issuer.PARTY_COMMITTEE].provinces == 63
    assert documents[Issuer.PEOPLES_COMMITTEE].provinces == 29
    assert documents[Issuer.PEOPLES_COMMITTEE].by_kind == {Kind.SCHEME: 29}

    staffing = staffing_summary(round_2023)
    assert (staffing.units, staffing.units_reported, staffing.units_fully_staffed) == (
        172,
        172,
        172,
    )
    fully_staffed_provinces = {
        r.unit.province_id
        for r in Registration.objects.filter(round=round_2023).select_related("unit", "resources")
        if r.resources.staff_actual >= r.resources.staff_norm
    }
    assert len(fully_staffed_provinces) == 63
    assert len([n for n in staffing.headquarters.values() if n]) > 1

    named = Registration.objects.filter(round=round_2023).select_related(
        "unit__province", "unit__parent", "assessment__recognition"
    )
    found = {(r.unit.province.name, r.unit.name): r for r in named}
    for province, wards in EXEMPLARY.items():
        for ward in wards:
            key = next(k for k in found if k[0] == province and k[1].replace("oà", "òa") == ward)
            registration = found[key]
            assert registration.assessment.met_count == 22
            assert registration.assessment.state == State.RECOGNISED
            assert registration.assessment.recognition.decision_number.endswith("/QĐ-BCA")
    assert found["Nghệ An", "Nghi Thu"].unit.parent.name == "Cửa Lò"
    practices = {
        p.registration.unit.name: {t.name for t in p.tags.all()}
        for p in GoodPractice.objects.filter(registration__round=round_2023)
    }
    assert "dịch vụ công trực tuyến" in practices["Nghi Thu"]
    assert "chuyển đổi số" in practices["Trường Thi"]

    round_2025 = Round.objects.get(year=2025)
    assert (round_2025.admin_map.code, round_2025.quota_parameters) == ("2025-07", {"percent": 30})
    quotas_2025 = list(quotas_for_round(round_2025))
    assert len(quotas_2025) == 34 and all(q.registered >= 1 for q in quotas_2025)
    truong_vinh = Registration.objects.get(round=round_2025, unit__code="16690")
    assert truong_vinh.assessment.state == State.DRAFT
    assert not truong_vinh.assessment.results.exclude(self_value=None).exists()
    assert User.objects.get(username="caphuong.truongvinh").unit == truong_vinh.unit
    in_queue = Registration.objects.filter(
        round=round_2025, unit__province__code="40", assessment__state=State.SUBMITTED
    )
    assert [r.unit.name for r in in_queue] == ["Thành Vinh"]
    assert in_queue[0].registered_by.username == "catinh.nghean"
    recognised_2025 = [
        q.province.name
        for q in quotas_2025
        if Registration.objects.filter(
            round=round_2025, unit__province=q.province, assessment__state=State.RECOGNISED
        ).count()
        >= q.effective_quota
    ]
    assert 3 <= len(recognised_2025) < 34  # some provinces on track for 2025, not all
    assert round_figures(round_2025).recognised > 0

    sizes = (Registration.objects.count(), User.objects.count(), DirectiveDocument.objects.count())
    assert demo_data_ensure() == [(2023, False), (2025, False)]
    assert (
        Registration.objects.count(),
        User.objects.count(),
        DirectiveDocument.objects.count(),
    ) == sizes
    assert (
        User.objects.filter(unit__level=Level.PROVINCE, username__startswith="demo.ca.").count()
        == 63 + 33
    )
