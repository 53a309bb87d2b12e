"""What every ward page starts from: the selected round and the officer's own assessment."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from kieumau.assessments.models import Assessment, State, Transition
from kieumau.assessments.selectors import unit_assessments_for_user
from kieumau.programme.models import Round
from kieumau.web.rounds import selected_round


@dataclass(frozen=True)
class OwnAssessment:
    round: Round | None
    assessment: Assessment | None  # None: the unit is not registered in the round
    units: list[Assessment]  # more than one only on an older map (wards since merged)


def own_assessment(request: HttpRequest) -> OwnAssessment:
    """The selected round's assessment of the officer's unit (``?a=`` picks among several)."""
    round = selected_round(request)
    units = list(unit_assessments_for_user(request.user, round)) if round else []
    chosen = request.GET.get("a", "")
    assessment = next((a for a in units if str(a.pk) == chosen), units[0] if units else None)
    return OwnAssessment(round=round, assessment=assessment, units=units)


def last_return(assessment: Assessment, history: list[Transition]) -> Transition | None:
    """The step that sent the assessment back to the ward, while it is still returned."""
    if assessment.state != State.RETURNED:
        return None
    return next((step for step in reversed(history) if step.to_state == State.RETURNED), None)


def posted_version(request: HttpRequest) -> int | None:
    """The assessment version the page was built from, as posted."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def page_url(request: HttpRequest, name: str, assessment: Assessment, *, anchor: str = "") -> str:
    """The URL of the ward page ``name`` showing ``assessment``, optionally at ``anchor``."""
    url = reverse(name)
    # On an older map the officer's unit may be one of several wards: name the one shown.
    if assessment.registration.unit_id != request.user.unit_id:
        url += f"?a={assessment.pk}"
    return f"{url}#{anchor}" if anchor else url
