from django.contrib import admin
from django.urls import include, path

from kieumau.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("context/", include("kieumau.context.urls")),
    path("assessments/", include("kieumau.assessments.urls")),
    path("", include("kieumau.web.urls")),
]
