"""Refusals in both languages: the web and API fixtures (Trường Vinh's 2025 draft, people of
Nghệ An and Hà Nội, a client per role)."""

from tests.api.conftest import api  # noqa: F401
from tests.web.conftest import admin_map, assessment, media_root, people, round  # noqa: F401
