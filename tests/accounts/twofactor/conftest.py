from tests.web.conftest import admin_map, people  # noqa: F401
