"""Settings are read from the environment; production refuses unsafe values."""

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
