"""Settings are read from the environment; production refuses unsafe values."""

import json
import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "kx7!q2m@v9#p4w8z1r6t3y5u0i-o_a+s=d*f&g^h%j$k(l)zxcvbnm",
    "ALLOWED_HOSTS": "kieumau.example.vn",
    "DATABASE_URL": "postgres://kieumau:secret@db.internal:5432/kieumau",
}


def _kieumau(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {*PRODUCTION, "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "kieumau", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = _kieumau("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_use_the_database_url():
    result = _kieumau(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        **PRODUCTION,
    )

    assert result.stdout.strip().endswith("django.db.backends.postgresql")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY must be a random string"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be a random string"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is required"),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false, not 'maybe'"),
    ],
)
def test_production_settings_refuse_unsafe_values(override, message):
    result = _kieumau("check", **{**PRODUCTION, **override})

    assert result.returncode != 0
    assert message in result.stderr


def test_missing_secret_key_in_production_is_named():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = _kieumau("check", **env)

    assert result.returncode != 0
    assert "Environment variable SECRET_KEY is required" in result.stderr


TRANSPORT_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_AGE",
    "SESSION_SAVE_EVERY_REQUEST",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
)


def _settings_of(**env: str) -> dict:
    names = ", ".join(repr(name) for name in TRANSPORT_SETTINGS)
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in ({names},)}}))"
    )
    result = _kieumau("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_host_only_and_hidden_from_scripts():
    assert _settings_of(**PRODUCTION) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "SESSION_COOKIE_AGE": 1800,
        "SESSION_SAVE_EVERY_REQUEST": False,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
    }


def test_local_settings_keep_plain_http_working():
    local = _settings_of(DEBUG="true")

    assert local["SECURE_SSL_REDIRECT"] is False
    assert local["SECURE_HSTS_SECONDS"] == 0
    assert local["SESSION_COOKIE_SECURE"] is False
    assert local["SESSION_COOKIE_NAME"] == "sessionid"  # "__Host-" needs HTTPS
    assert local["CSRF_COOKIE_NAME"] == "csrftoken"
    assert local["SESSION_COOKIE_HTTPONLY"] is True


def test_the_session_idle_time_is_read_from_the_environment():
    assert _settings_of(**PRODUCTION, SESSION_IDLE_SECONDS="600")["SESSION_COOKIE_AGE"] == 600


def test_the_content_security_policy_allows_nothing_inline_and_no_other_origin():
    from django.conf import settings

    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    sources = {source for values in directives.values() for source in values}

    assert sources == {"'self'", "'none'", "data:"}
    assert directives["script-src"] == directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == directives["object-src"] == ["'none'"]
    assert "data:" not in directives["script-src"] + directives["default-src"]
