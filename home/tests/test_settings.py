"""Production settings: refuse to start insecurely, pass `check --deploy` with real values."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail

from home.checks import FILE_BACKEND, email_directory_writable
from settings.parsers import email_settings

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_VALUES = {
    "SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "mindwell.example",
    "EMAIL_URL": "smtp://mailer:secret@smtp.mindwell.example:587/?tls=True",
    "BASE_URL": "https://mindwell.example",
}


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        # The test run itself sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a server would not.
        if key
        not in {
            "SECRET_KEY",
            "EMAIL_URL",
            "BASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(DJANGO_SETTINGS_MODULE="settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestProductionSettings:
    def test_refuses_to_start_without_secret_key(self):
        result = run_manage("check", **{k: v for k, v in REAL_VALUES.items() if k != "SECRET_KEY"})
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr

    def test_refuses_to_start_without_smtp(self):
        result = run_manage("check", **{k: v for k, v in REAL_VALUES.items() if k != "EMAIL_URL"})
        assert result.returncode != 0
        assert "Set EMAIL_URL" in result.stderr

    def test_refuses_to_start_without_base_url(self):
        # Emails and feeds would otherwise send readers to http://127.0.0.1:8000.
        result = run_manage("check", **{k: v for k, v in REAL_VALUES.items() if k != "BASE_URL"})
        assert result.returncode != 0
        assert "Set BASE_URL" in result.stderr

    def test_refuses_a_base_url_with_a_path(self):
        result = run_manage("check", **{**REAL_VALUES, "BASE_URL": "https://mindwell.example/blog"})
        assert result.returncode != 0
        assert "BASE_URL must be a scheme, a host and an optional port" in result.stderr

    def test_refuses_a_trusted_proxy_hops_that_is_not_a_count(self):
        for value in ["0", "two", "-1"]:
            result = run_manage("check", **{**REAL_VALUES, "TRUSTED_PROXY_HOPS": value})
            assert result.returncode != 0
            assert "TRUSTED_PROXY_HOPS is the number of proxies in front" in result.stderr

    def test_deploy_check_is_clean_with_real_values(self):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", **REAL_VALUES)
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_demo_content_refused(self):
        result = run_manage("load_demo_content", **REAL_VALUES)
        assert result.returncode != 0
        assert "Refusing to load demo content under production settings" in result.stderr


class TestEmailUrl:
    """A broken EMAIL_URL is refused when the site starts, not when the first email fails."""

    @pytest.mark.parametrize(
        ("url", "says"),
        [
            ("file://mail", "file:// needs the absolute path"),
            ("file://", "file:// needs the absolute path"),
            ("bogus://mail.example", "unknown scheme 'bogus'"),
            ("mail.example", "unknown scheme ''"),
            ("smtp://mail.example:99999", "Port out of range"),
            ("smtp://mail.example:abc", "Port could not be cast"),
            ("smtp://", "name the SMTP server"),
        ],
    )
    def test_refused(self, url, says):
        with pytest.raises(ImproperlyConfigured, match=re.escape(says)):
            email_settings(url)

    def test_accepted(self):
        smtp = email_settings(REAL_VALUES["EMAIL_URL"])
        assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"]) == (
            "smtp.mindwell.example",
            587,
            True,
        )
        assert smtp["EMAIL_TIMEOUT"] == 10
        assert email_settings("file:///var/mail/mindwell")["EMAIL_FILE_PATH"] == (
            "/var/mail/mindwell"
        )
        assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")

    def test_deploy_check_refuses_a_broken_url(self):
        result = run_manage("check", "--deploy", **{**REAL_VALUES, "EMAIL_URL": "file://mail"})
        assert result.returncode != 0
        assert "EMAIL_URL: file:// needs the absolute path" in result.stderr

    def test_deploy_check_refuses_a_directory_that_is_a_file(self, tmp_path):
        not_a_directory = tmp_path / "mail"
        not_a_directory.write_text("")
        result = run_manage(
            "check", "--deploy", **{**REAL_VALUES, "EMAIL_URL": f"file://{not_a_directory}"}
        )
        assert result.returncode != 0
        assert "home.E001" in result.stderr
        assert "which is not a directory" in result.stderr


class TestEmailDirectoryCheck:
    def test_a_usable_directory_passes_and_receives_the_emails(self, settings, tmp_path):
        settings.EMAIL_BACKEND = FILE_BACKEND
        settings.EMAIL_FILE_PATH = str(tmp_path / "new" / "mail")  # created on the first email
        assert email_directory_writable() == []
        send_mail("Hello", "Body", None, ["ana@example.com"])
        (saved,) = (tmp_path / "new" / "mail").iterdir()
        assert "Subject: Hello" in saved.read_text()

    def test_no_directory_fails(self, settings):
        settings.EMAIL_BACKEND = FILE_BACKEND
        settings.EMAIL_FILE_PATH = None
        (error,) = email_directory_writable()
        assert error.id == "home.E001"

    def test_other_backends_are_not_its_business(self, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        assert email_directory_writable() == []
