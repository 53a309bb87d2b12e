from django.urls import path

from kieumau.web.tokens import views

urlpatterns = [
    path("account/api-keys/", views.api_keys, name="api-keys"),
    path("account/api-keys/<int:pk>/revoke/", views.api_key_revoke, name="api-key-revoke"),
]
