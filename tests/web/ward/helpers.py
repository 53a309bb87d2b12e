"""What the ward page tests share: reading a page, posting like htmx, values that meet criteria."""

from django.test import Client

from kieumau.assessments.models import Assessment, CriterionResult
from kieumau.criteria.types import Kind


def page(client: Client, url: str = "/unit/assessment/") -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def htmx_post(client: Client, url: str, data: dict, **kwargs):
    return client.post(url, data, headers={"HX-Request": "true"}, **kwargs)


def version_of(assessment: Assessment) -> int:
    return Assessment.objects.values_list("version", flat=True).get(pk=assessment.pk)


def met_text(result: CriterionResult) -> str:
    """A value, as typed, that meets the criterion of ``result``."""
    criterion = result.criterion
    if criterion.kind == Kind.BOOL:
        return "1"
    return str(criterion.threshold.normalize()).replace(".", ",")


def whole_form(assessment: Assessment, values: dict[str, str], *, version: int | None = None):
    """The POST of the page's "Lưu" button: every criterion listed, ``values`` typed in."""
    data = {"version": version_of(assessment) if version is None else version, "criteria": []}
    for code in assessment.results.order_by("criterion__position").values_list(
        "criterion__code", flat=True
    ):
        data["criteria"].append(code)
        if code in values:
            data[f"{code}-value"] = values[code]
        data[f"{code}-note"] = ""
    return data
