"""Loading criteria set files."""

from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, ProtectedError
from django.utils import timezone

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.criteria.models import CriteriaSet, Criterion, CriterionGroup
from kieumau.criteria.readers import CriteriaFile, read_criteria_file

DEFAULT_CRITERIA_FILE = Path(__file__).resolve().parent / "data" / "criteria-default.yaml"
_DESCRIPTIVE = ("name", "description", "is_template")


@dataclass(frozen=True)
class CriteriaSetLoadReport:
    criteria_set: CriteriaSet
    outcome: str  # created | replaced | renamed | unchanged
    groups: int
    criteria: int

    @property
    def changed(self) -> bool:
        return self.outcome != "unchanged"

    def lines(self) -> list[str]:
        state = {
            "created": "đã tạo",
            "replaced": "đã thay nhóm và tiêu chí",
            "renamed": "đã cập nhật tên, mô tả",
            "unchanged": "không có gì thay đổi",
        }[self.outcome]
        template = ", bộ mẫu" if self.criteria_set.is_template else ""
        return [
            f"Bộ tiêu chí {self.criteria_set.code} phiên bản {self.criteria_set.version}: "
            f"{state} ({self.groups} nhóm, {self.criteria} tiêu chí{template})."
        ]


@transaction.atomic
def criteria_set_load(*, path: Path) -> CriteriaSetLoadReport:
    """Load the criteria set file at ``path`` as the set with its code and version.

    Side effects: creates the CriteriaSet with its groups and criteria; or, for a set already
    loaded, replaces its groups and criteria when they or the verdict rule differ, and updates
    its name, description and template flag when only those differ. Loading the same file
    again writes nothing. Raises ImportRejected, changing nothing, when the file is bad or
    would change the criteria or verdict rule of a set a round uses (load a new version).
    """
    spec = read_criteria_file(path)
    criteria_set = (
        CriteriaSet.objects.select_for_update().filter(code=spec.code, version=spec.version).first()
    )
    if criteria_set is None:
        criteria_set = CriteriaSet(code=spec.code, version=spec.version)
        _set_fields(criteria_set, spec)
        _create_content(criteria_set, spec)
        return _report(criteria_set, "created", spec)
    if _stored_rule(criteria_set) != _file_rule(spec):
        _refuse_if_used(criteria_set)
        try:
            criteria_set.groups.all().delete()
        except ProtectedError:
            message = "có kết quả đánh giá gắn với tiêu chí của bộ này; hãy nạp phiên bản mới"
            raise ImportRejected([RowError(None, message)]) from None
        criteria_set.loaded_at = timezone.now()
        _set_fields(criteria_set, spec)
        _create_content(criteria_set, spec)
        return _report(criteria_set, "replaced", spec)
    described = [getattr(criteria_set, name) for name in _DESCRIPTIVE]
    if described != [getattr(spec, name) for name in _DESCRIPTIVE]:
        _set_fields(criteria_set, spec)
        return _report(criteria_set, "renamed", spec)
    return _report(criteria_set, "unchanged", spec)


def default_criteria_set_load() -> CriteriaSetLoadReport:
    """Load the shipped template set (22 criteria); safe to run again."""
    return criteria_set_load(path=DEFAULT_CRITERIA_FILE)


def _report(criteria_set: CriteriaSet, outcome: str, spec: CriteriaFile) -> CriteriaSetLoadReport:
    return CriteriaSetLoadReport(criteria_set, outcome, len(spec.groups), len(spec.criteria))


def _refuse_if_used(criteria_set: CriteriaSet) -> None:
    rounds = list(criteria_set.rounds.order_by("year").values_list("name", flat=True))
    if not rounds:
        return
    latest = CriteriaSet.objects.filter(code=criteria_set.code).aggregate(v=Max("version"))["v"]
    used_by = ", ".join(f"«{name}»" for name in rounds)
    message = (
        f"bộ tiêu chí {criteria_set.code} phiên bản {criteria_set.version} đang được dùng cho "
        f"đợt {used_by}, không thể thay tiêu chí hay quy tắc đánh giá của nó; hãy nạp tệp này "
        f"thành phiên bản mới (version: {latest + 1})"
    )
    raise ImportRejected([RowError(None, message)])


def _set_fields(criteria_set: CriteriaSet, spec: CriteriaFile) -> None:
    for name in (*_DESCRIPTIVE, "basic_min_met"):
        setattr(criteria_set, name, getattr(spec, name))
    criteria_set.source_sha256 = spec.sha256
    _clean(criteria_set, f"bộ tiêu chí {spec.code}")
    criteria_set.save()


def _create_content(criteria_set: CriteriaSet, spec: CriteriaFile) -> None:
    position = 0
    for group_position, group_spec in enumerate(spec.groups, 1):
        group = CriterionGroup(
            criteria_set=criteria_set,
            code=group_spec.code,
            title=group_spec.title,
            title_en=group_spec.title_en,
            position=group_position,
        )
        _clean(group, f"nhóm {group.code}")
        group.save()
        criteria = []
        for item in group_spec.criteria:
            position += 1
            criterion = Criterion(
                criteria_set=criteria_set, group=group, position=position, **asdict(item)
            )
            _clean(criterion, f"tiêu chí {criterion.code}")
            criteria.append(criterion)
        Criterion.objects.bulk_create(criteria)


def _clean(instance: Model, label: str) -> None:
    """The reader checks everything; this is the models' own word, should they ever differ."""
    try:
        instance.full_clean()
    except ValidationError as error:
        messages = "; ".join(f"{k}: {', '.join(v)}" for k, v in error.message_dict.items())
        raise ImportRejected([RowError(None, f"{label}: {messages}")]) from None


_CRITERION_FIELDS = (
    "code",
    "title",
    "title_en",
    "guidance",
    "kind",
    "comparator",
    "threshold",
    "unit",
    "mandatory",
    "evidence",
)


def _stored_rule(criteria_set: CriteriaSet) -> tuple:
    groups = criteria_set.groups.order_by("position").values_list("code", "title", "title_en")
    criteria = criteria_set.criteria.order_by("position").values_list(
        "group__code", *_CRITERION_FIELDS
    )
    return criteria_set.basic_min_met, list(groups), list(criteria)


def _file_rule(spec: CriteriaFile) -> tuple:
    groups = [(group.code, group.title, group.title_en) for group in spec.groups]
    criteria = [
        (group.code, *(getattr(criterion, name) for name in _CRITERION_FIELDS))
        for group in spec.groups
        for criterion in group.criteria
    ]
    return spec.basic_min_met, groups, criteria
