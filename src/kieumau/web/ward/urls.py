from django.urls import path

from kieumau.web.ward import action_plan, detail, resources, views

urlpatterns = [
    path("unit/assessment/", views.ward_assessment, name="ward-assessment"),
    path("unit/assessment/<int:pk>/save/", views.ward_assessment_save, name="ward-assessment-save"),
    path(
        "unit/assessment/<int:pk>/submit/",
        views.ward_assessment_submit,
        name="ward-assessment-submit",
    ),
    path("unit/criteria/<int:pk>/", views.ward_criterion_save, name="ward-criterion-save"),
    path("unit/criteria/<int:pk>/evidence/", views.ward_evidence_add, name="ward-evidence-add"),
    path("unit/evidence/<int:pk>/remove/", views.ward_evidence_remove, name="ward-evidence-remove"),
    path("unit/actions/", action_plan.ward_actions, name="ward-actions"),
    path("unit/criteria/<int:pk>/actions/", action_plan.ward_action_add, name="ward-action-add"),
    path("unit/actions/<int:pk>/", action_plan.ward_action_update, name="ward-action-update"),
    path(
        "unit/actions/<int:pk>/status/", action_plan.ward_action_status, name="ward-action-status"
    ),
    path(
        "unit/actions/<int:pk>/remove/", action_plan.ward_action_remove, name="ward-action-remove"
    ),
    path("unit/resources/", resources.ward_resources, name="ward-resources"),
    path("assessment/<int:pk>/", detail.assessment_detail, name="assessment-detail"),
]
