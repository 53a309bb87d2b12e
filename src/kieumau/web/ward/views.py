"""TODO: placeholder pages, replaced by the real ones."""

from django.http import HttpResponse


def ward_assessment(request):
    return HttpResponse("ward-assessment")


def ward_actions(request):
    return HttpResponse("ward-actions")


def ward_resources(request):
    return HttpResponse("ward-resources")
