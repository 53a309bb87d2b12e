from django.urls import path

from kieumau.web.province import documents, registrations, reviews

urlpatterns = [
    path(
        "province/registrations/",
        registrations.province_registrations,
        name="province-registrations",
    ),
    path(
        "province/registrations/search/",
        registrations.registration_search,
        name="province-registration-search",
    ),
    path(
        "province/registrations/add/",
        registrations.registration_add,
        name="province-registration-add",
    ),
    path(
        "province/registrations/<int:pk>/withdraw/",
        registrations.registration_remove,
        name="province-registration-withdraw",
    ),
    path("province/reviews/", reviews.province_reviews, name="province-reviews"),
    path("province/reviews/<int:pk>/", reviews.province_review, name="province-review"),
    path(
        "province/reviews/<int:pk>/results/<int:result_pk>/",
        reviews.province_review_result,
        name="province-review-result",
    ),
    path(
        "province/reviews/<int:pk>/return/",
        reviews.province_review_return,
        name="province-review-return",
    ),
    path(
        "province/reviews/<int:pk>/approve/",
        reviews.province_review_approve,
        name="province-review-approve",
    ),
    path(
        "province/reviews/<int:pk>/reject/",
        reviews.province_review_reject,
        name="province-review-reject",
    ),
    path("province/documents/", documents.province_documents, name="province-documents"),
    path(
        "province/documents/<int:pk>/delete/",
        documents.province_document_remove,
        name="province-document-delete",
    ),
]
