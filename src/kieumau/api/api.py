"""The REST API: version 1 under /api/v1/, its OpenAPI schema at /api/openapi.json and the
interactive documentation at /api/docs (Swagger UI from django-ninja's wheel, no CDN).

Handlers are thin: they parse, call the same scoped selectors and services as the web pages,
and shape the answer. Every refusal becomes the JSON body of ``errors.py``.
"""

from ninja import NinjaAPI

from kieumau.api import errors, throttling
from kieumau.api.auth import TokenAuth
from kieumau.api.routers import (
    accounts,
    adminunits,
    assessments,
    context,
    criteria,
    programme,
    reports,
)

DESCRIPTION = """\
API của hệ thống Kiểu Mẫu — xây dựng Công an phường điển hình, kiểu mẫu.
The Kiểu Mẫu API — Vietnam's model ward police programme.

Xác thực / Authentication: `Authorization: Bearer km_…` (tạo khóa tại trang "Khóa API" /
create a key on the "API keys" page). Mỗi khóa có đúng phạm vi của người tạo / a key has
exactly its owner's scope.

Lỗi / Errors: `{"status", "code", "message": {"vi", "en"}, "errors": [{"field", "message"}]}`.
Danh sách / Lists: `?limit=&offset=` → `{"items": [...], "count": N}`.

Giới hạn / Limits: quá số lượt gọi cho phép → 429 `rate_limited` với `Retry-After` / too many
calls → 429 `rate_limited` with `Retry-After`; quá nhiều khóa sai từ một địa chỉ → 429
`locked_out` cho đến khi quản trị viên mở khóa / too many bad keys from one address → 429
`locked_out` until an administrator unlocks it.
"""

api = NinjaAPI(
    title="Kiểu Mẫu API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[throttling.UserThrottle()],
)
errors.install(api)
throttling.install(api)

# Each router spells its paths in full under /v1 (rounds/{year}/registrations, …).
for module in (accounts, adminunits, criteria, programme, assessments, context, reports):
    api.add_router("/v1", module.router)
