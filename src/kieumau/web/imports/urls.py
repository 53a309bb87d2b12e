from django.urls import path

from kieumau.web.imports import views

urlpatterns = [
    path("imports/", views.imports, name="imports"),
    path("imports/template/", views.import_template, name="import-template"),
]
