"""TODO: placeholder pages, replaced by the real ones."""

from django.http import HttpResponse


def ministry_recognitions(request):
    return HttpResponse("ministry-recognitions")
