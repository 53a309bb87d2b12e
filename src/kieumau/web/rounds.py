"""Which programme round a page shows: the one the user picked, else the newest."""

from django.http import HttpRequest

from kieumau.programme.models import Round

SESSION_KEY = "round_year"


def selected_round(request: HttpRequest) -> Round | None:
    """The round chosen with the round switch (kept in the session), else the newest round."""
    if hasattr(request, "_selected_round"):
        return request._selected_round
    rounds = Round.objects.select_related("admin_map", "criteria_set").order_by("-year")
    year = request.session.get(SESSION_KEY)
    chosen = rounds.filter(year=year).first() if year else None
    request._selected_round = chosen or rounds.first()
    return request._selected_round


def round_select(request: HttpRequest, year: int) -> Round | None:
    """Remember ``year`` as the user's round if such a round exists; returns it or None."""
    chosen = Round.objects.select_related("admin_map", "criteria_set").filter(year=year).first()
    if chosen is not None:
        request.session[SESSION_KEY] = chosen.year
        request._selected_round = chosen
    return chosen
