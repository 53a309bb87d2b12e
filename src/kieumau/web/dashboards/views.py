"""TODO: placeholder pages, replaced by the real ones."""

from django.http import HttpResponse


def national_dashboard(request):
    return HttpResponse("national-dashboard")


def province_dashboard(request):
    return HttpResponse("province-dashboard")
