from django.urls import path

from kieumau.assessments import views

app_name = "assessments"
urlpatterns = [
    path("evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
