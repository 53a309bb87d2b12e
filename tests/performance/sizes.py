"""Two sizes of the same programme, for query counts that must not grow with the data.

SMALL: one province (Nghệ An) with six registered phường, one per workflow state, assessed on
a four-criterion set in one group, one of everything. LARGE: three provinces of eleven phường
(all of Nghệ An's) assessed on the default 22 criteria in five groups, three of everything:
evidence files on each of three criteria, reviewed criteria, action items, submit-and-return
cycles of the officers' own ward, directive documents per province, good practices and their
photos, API keys, sign-ins. A query per row of any of these (criteria and groups included)
shows up as a different count. The web pages show 25 rows a page and the API 50: every list of
the large size fits on its first page. The admin shows 100: its evidence list and audit trail
run to more pages at the large size, which costs no query (a page is one count, one slice).
Rows are made through the services where they exist, so transitions, reviews, recognitions,
documents, resources and practices carry their audit entries as in production; the rows only
the admin shows (a group, second-factor devices, lockout records) are test_headers' own.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from kieumau.accounts.models import Role, SignInEvent, User
from kieumau.accounts.sign_in_events import sign_in_event_record
from kieumau.adminunits.models import AdminMap, AdminUnit
from kieumau.adminunits.types import UnitType
from kieumau.api.models import ApiToken
from kieumau.api.tokens import token_create
from kieumau.assessments.models import (
    ActionItem,
    Assessment,
    CriterionResult,
    Evidence,
    Recognition,
    State,
    Transition,
)
from kieumau.assessments.services import (
    ReviewValue,
    SelfValue,
    results_review,
    results_set_self_values,
)
from kieumau.context.models import DirectiveDocument, GoodPractice, GoodPracticePhoto, Resources
from kieumau.context.services import directive_document_add, good_practice_add, resources_set
from kieumau.criteria.models import CriteriaSet, Criterion
from kieumau.criteria.services import default_criteria_set_load
from kieumau.criteria.types import Kind
from kieumau.programme.models import Round
from kieumau.programme.services import quotas_compute, target_set
from tests.assessments.actions import move
from tests.assessments.factories import (
    PDF,
    People,
    action_item_create,
    assessment_create,
    criteria_set_create,
    evidence_create,
    people_create,
    round_create,
    unit_get,
    user_create,
)
from tests.security.conftest import _admin_only_rows

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# The state of each registered phường after the officers' own (returned) one, in turn.
STATES = (
    State.SUBMITTED,
    State.PROVINCE_APPROVED,
    State.RECOGNISED,
    State.DRAFT,
    State.REJECTED,
    State.RETURNED,
)
PATHS = {
    State.DRAFT: (),
    State.SUBMITTED: ("submit", "review"),
    State.RETURNED: ("submit", "review", "return"),
    State.REJECTED: ("submit", "review", "reject"),
    State.PROVINCE_APPROVED: ("submit", "review", "approve"),
    State.RECOGNISED: ("submit", "review", "approve", "recognise"),
}


@dataclass(frozen=True)
class Size:
    name: str
    criteria_set: Callable[[], CriteriaSet]
    provinces: tuple[str, ...]  # GSO codes; Nghệ An (the officers' own) first
    wards: int  # registered phường per province, Trường Vinh included in Nghệ An's
    each: int  # how many of every repeated thing (see the module's docstring)


SMALL = Size("small", criteria_set_create, ("40",), wards=6, each=1)
LARGE = Size(
    "large",
    lambda: default_criteria_set_load().criteria_set,
    ("40", "01", "79"),
    wards=11,
    each=3,
)


@dataclass
class Dataset:
    """The rows the pages are asked about."""

    people: People
    round: Round
    own: Assessment | None = None  # Trường Vinh, returned for changes
    superuser: User | None = None  # for the admin's pages
    by_state: dict[str, Assessment] = field(default_factory=dict)  # Nghệ An's first of each
    officers: dict[str, User] = field(default_factory=dict)  # province code → province officer
    bearer_keys: dict[int, str] = field(default_factory=dict)  # user pk → an API key

    # The names tests/security/test_headers.py's ROUTES read, so its arguments serve here too.
    @property
    def assessment(self) -> Assessment:
        return self.own

    @property
    def result(self) -> CriterionResult:
        return self.own.results.order_by("criterion__position").first()

    @property
    def action(self) -> ActionItem:
        return ActionItem.objects.filter(result__assessment=self.own).order_by("pk").first()

    @property
    def token(self) -> ApiToken:
        return self.people.ward_own.api_tokens.order_by("pk").first()

    @property
    def evidence(self) -> Evidence:
        return Evidence.objects.filter(result__assessment=self.own).order_by("pk").first()

    @property
    def document(self) -> DirectiveDocument:
        province = self.people.province_own.unit
        return DirectiveDocument.objects.filter(province=province).order_by("pk").first()

    @property
    def photo(self) -> GoodPracticePhoto:
        photos = GoodPracticePhoto.objects.filter(practice__registration=self.own.registration)
        return photos.order_by("pk").first()

    def bearer(self, user: User) -> str:
        if user.pk not in self.bearer_keys:
            self.bearer_keys[user.pk] = token_create(actor=user, name="query-counts").key
        return self.bearer_keys[user.pk]


def dataset_build(admin_map: AdminMap, size: Size) -> Dataset:
    """The 2025 round on ``admin_map`` with everything of ``size`` (see the module)."""
    people = people_create(admin_map)
    data = Dataset(people=people, round=round_create(admin_map, size.criteria_set()))
    # The province officer's authenticator: the second-factor page has a device to ask about.
    TOTPDevice.objects.create(user=people.province_own, name="dien-thoai", confirmed=True)
    data.superuser = User.objects.create_superuser("quan-tri", password=None, role=Role.MINISTRY)
    _admin_only_rows(data.superuser)
    quotas_compute(actor=people.ministry, round=data.round)
    target_set(actor=people.ministry, year=2025, province=None, minimum=30, stretch=50)
    data.officers = {people.province_own.unit.code: people.province_own}
    data.officers[people.province_other.unit.code] = people.province_other
    states = iter(STATES * size.wards * len(size.provinces))
    for code in size.provinces:
        officer = _province_officer(data, code)
        target_set(actor=people.ministry, year=2025, province=officer.unit, minimum=5, stretch=10)
        _documents_add(officer, size.each)
        count = size.wards
        if officer == people.province_own:
            data.own = _own_build(data, size.each)
            count -= 1
        for ward in _wards(data, officer.unit, count):
            _ward_build(data, officer, ward, next(states), size.each)
    return data


def _province_officer(data: Dataset, code: str) -> User:
    if code not in data.officers:
        unit = unit_get(data.round.admin_map, code)
        data.officers[code] = user_create(f"tinh-{code}", Role.PROVINCE, unit)
    return data.officers[code]


def _wards(data: Dataset, province: AdminUnit, count: int) -> list[AdminUnit]:
    wards = AdminUnit.objects.filter(
        admin_map=data.round.admin_map, type=UnitType.WARD, province=province
    ).exclude(pk=data.people.ward_own.unit_id)
    wards = list(wards.order_by("code")[:count])
    assert len(wards) == count, f"{province.name} has too few phường for this size"
    return wards


def _ward_build(data: Dataset, officer: User, ward: AdminUnit, state: State, each: int) -> None:
    """A phường's registration, its officer, its values, resources and files, then ``state``."""
    ward_officer = user_create(f"phuong-{ward.code}", Role.WARD, ward)
    assessment = _filled(data, assessment_create(data.round, ward, officer), ward_officer, each)
    actors = {"submit": ward_officer, "recognise": data.people.ministry}
    for step in PATHS[state]:
        if step == "review":
            assessment = _reviewed(assessment, officer, each)
        else:
            assessment = move(step, assessment, actors.get(step, officer))
    if officer == data.people.province_own:
        data.by_state.setdefault(state, assessment)


def _filled(data: Dataset, assessment: Assessment, actor: User, each: int) -> Assessment:
    """Every value (the unmet ones 0), resources, ``each`` evidence files on each of the first
    ``each`` criteria and ``each`` action items on the unmet ones."""
    results = list(assessment.results.select_related("criterion").order_by("criterion__position"))
    unmet = _unmet(data.round.criteria_set)
    values = {}
    for result in results:
        criterion = result.criterion
        met = Decimal(1) if criterion.kind == Kind.BOOL else criterion.threshold
        values[criterion.code] = SelfValue(0 if criterion in unmet else met, "Theo báo cáo.")
    assessment = results_set_self_values(
        actor=actor, assessment=assessment, values=values, version=assessment.version
    )
    resources_set(
        actor=actor,
        registration=assessment.registration,
        staff_norm=20,
        staff_actual=18,
        staff_under_35=9,
        staff_with_degree=12,
        headquarters="independent",
        funding_planned_vnd=1_000_000_000,
        funding_disbursed_vnd=400_000_000,
        equipment_adequate=True,
    )
    for result in results[:each]:
        for _ in range(each):
            evidence_create(result, actor, content=PDF)
    on_unmet = [result for result in results if result.criterion in unmet]
    for index in range(each):
        action_item_create(on_unmet[index % len(on_unmet)])
    return assessment


def _unmet(criteria_set: CriteriaSet) -> list[Criterion]:
    """The criteria every unit misses: the first two that are yes/no and not mandatory."""
    criteria = criteria_set.criteria.filter(kind=Kind.BOOL, mandatory=False)
    return list(criteria.order_by("position")[:2])


def _reviewed(assessment: Assessment, officer: User, each: int) -> Assessment:
    """The province's comment on each of the first ``each`` criteria."""
    results = assessment.results.select_related("criterion").order_by("criterion__position")
    reviews = {result.criterion.code: ReviewValue(None, "Đã kiểm tra.") for result in results}
    reviews = dict(list(reviews.items())[:each])
    return results_review(
        actor=officer, assessment=assessment, reviews=reviews, version=assessment.version
    )


def _documents_add(officer: User, each: int) -> None:
    for index in range(each):
        directive_document_add(
            actor=officer,
            province=officer.unit,
            issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
            kind=DirectiveDocument.Kind.DIRECTIVE,
            number=f"{index + 5:02}-CT/TU",
            date=datetime.date(2023, 4, 10 + index),
            title=f"Chỉ thị số {index + 5} về xây dựng Công an phường kiểu mẫu",
            upload=SimpleUploadedFile(f"chi-thi-{index}.pdf", PDF),
        )


def _own_build(data: Dataset, each: int) -> Assessment:
    """Trường Vinh: filled, ``each`` submit-review-return cycles, practices, API keys; and
    ``each`` sign-ins of its officer, the province's and the ministry's."""
    officer, province = data.people.ward_own, data.people.province_own
    own = assessment_create(data.round, officer.unit, province)
    own = _filled(data, own, officer, each)
    for _ in range(each):
        own = _reviewed(move("submit", own, officer), province, each)
        own = move("return", own, province)
    for index in range(each):
        good_practice_add(
            actor=officer,
            registration=own.registration,
            title=f"Mô hình số {index + 1}",
            description="Bố trí quầy tiếp dân một cửa.",
            tags=[],
            photos=[SimpleUploadedFile(f"anh-{n}.png", PNG) for n in range(each)],
        )
    for index in range(each):
        token_create(actor=officer, name=f"may-tinh-{index}")
        for user in (officer, province, data.people.ministry):
            sign_in_event_record(kind=SignInEvent.Kind.SIGNED_IN, username=user.username, user=user)
    return own


def dataset_census(data: Dataset) -> dict[str, object]:
    """How many rows of each kind the round holds: what the two sizes differ by."""
    assessments = Assessment.objects.filter(registration__round=data.round)
    states = Counter(assessments.values_list("state", flat=True))
    results = CriterionResult.objects.filter(assessment__in=assessments)
    criteria = data.round.criteria_set.criteria
    return {
        "criteria": criteria.count(),
        "groups": criteria.values("group").distinct().count(),
        "provinces": assessments.values("registration__unit__province").distinct().count(),
        "registrations": assessments.count(),
        "states": dict(sorted(states.items())),
        "reviewed results": results.exclude(reviewed_by=None).count(),
        "evidence": Evidence.objects.filter(result__in=results).count(),
        "action items": ActionItem.objects.filter(result__in=results).count(),
        "transitions": Transition.objects.filter(assessment__in=assessments).count(),
        "recognitions": Recognition.objects.filter(assessment__in=assessments).count(),
        "resources": Resources.objects.filter(registration__round=data.round).count(),
        "documents": DirectiveDocument.objects.count(),
        "good practices": GoodPractice.objects.count(),
        "photos": GoodPracticePhoto.objects.count(),
        "sign-in events": SignInEvent.objects.count(),
        "audit entries": LogEntry.objects.count(),
        "own transitions": data.own.transitions.count(),
        "own API keys": data.people.ward_own.api_tokens.count(),
    }
