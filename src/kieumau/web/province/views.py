"""TODO: placeholder pages, replaced by the real ones."""

from django.http import HttpResponse


def province_registrations(request):
    return HttpResponse("province-registrations")


def province_reviews(request):
    return HttpResponse("province-reviews")


def province_documents(request):
    return HttpResponse("province-documents")
