from django.shortcuts import render

from kieumau.adminunits.selectors import map_summaries


def home(request):
    return render(request, "web/home.html", {"maps": map_summaries()})
