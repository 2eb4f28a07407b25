"""The production settings: DEBUG off unless asked, https on, and `manage.py check --deploy` clean.

Run in a fresh process with a production environment (the test run's own settings are
frontdoor.settings_test, which speak http)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def production_env(tmp_path, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FRONTDOOR_", "SECURE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="frontdoor.settings",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="frontdoor.example.gov.uk",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://frontdoor.example.gov.uk",
        FRONTDOOR_VAR_DIR=str(tmp_path),
        **extra,
    )
    return env


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_passes_with_the_documented_production_environment(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    # One check is silenced on purpose: axes.W006, lockout by username only (decision 15).
    assert "System check identified no issues (1 silenced)." in result.stdout


def read_settings(env) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'https': s.FRONTDOOR_HTTPS, 'redirect': s.SECURE_SSL_REDIRECT, "
        "'secure_cookies': s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_and_https_on_unless_asked(tmp_path):
    production = read_settings(production_env(tmp_path, FRONTDOOR_CSP_FORM_ACTION="https://login.microsoftonline.com"))
    assert production == {
        "debug": False,
        "https": True,
        "redirect": True,
        "secure_cookies": True,
        "hsts": 31536000,
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "form_action": ["'self'", "https://login.microsoftonline.com"],
    }
    development = read_settings(production_env(tmp_path, DJANGO_DEBUG="true"))  # what `make run` sets
    assert development["debug"] is True
    assert development["https"] is False and development["redirect"] is False
    assert development["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_the_test_run_speaks_http():
    assert settings.FRONTDOOR_HTTPS is False
    assert settings.SECURE_SSL_REDIRECT is False
