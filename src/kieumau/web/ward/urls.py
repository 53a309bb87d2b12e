from django.urls import path

from kieumau.web.ward import views

urlpatterns = [
    path("unit/assessment/", views.ward_assessment, name="ward-assessment"),
    path("unit/actions/", views.ward_actions, name="ward-actions"),
    path("unit/resources/", views.ward_resources, name="ward-resources"),
]
