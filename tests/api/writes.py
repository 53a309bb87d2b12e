"""What the API write tests share: values meeting every criterion, files, database snapshots."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kieumau.assessments.models import Assessment, CriterionResult, Evidence, Transition
from kieumau.context.models import DirectiveDocument, Resources
from kieumau.criteria.types import Comparator, Kind
from tests.assessments.factories import EXE, PDF

__all__ = ["EXE", "PDF"]


def passing_value(criterion) -> object:
    """A value meeting ``criterion``, as a client would send it (true, or a number as text)."""
    if criterion.kind == Kind.BOOL:
        return True
    step = {Comparator.GT: 1, Comparator.LT: -1}.get(criterion.comparator, 0)
    return str(criterion.threshold + step)


def all_met(assessment: Assessment) -> dict:
    """The self-values body entries meeting every criterion of ``assessment``."""
    return {
        result.criterion.code: {"value": passing_value(result.criterion), "note": ""}
        for result in assessment.results.select_related("criterion")
    }


def pdf(name: str = "bien-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def renamed_executable(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE, content_type="application/pdf")


def stored_files(media_root) -> list[str]:
    return sorted(str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file())


def snapshot() -> dict:
    """Every row a write through these endpoints could change, as plain values."""
    return {
        "assessments": list(Assessment.objects.order_by("pk").values()),
        "results": list(CriterionResult.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "transitions": list(Transition.objects.order_by("pk").values()),
        "resources": list(Resources.objects.order_by("pk").values()),
        "documents": list(DirectiveDocument.objects.order_by("pk").values()),
    }
