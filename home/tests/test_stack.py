"""`make serve` (deploy/stack.py, deploy/preflight.py): what it refuses, how it is called.
Running the stack's Varnish: test_varnish.py; the whole stack: `make bench-http`."""

import subprocess
import sys
from pathlib import Path

from deploy.preflight import missing_settings, optional_packages
from deploy.stack import Stack, backend_vcl

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPLETE = {
    "SECRET_KEY": "s" * 60,
    "BASE_URL": "https://mindwell.example",
    "DATABASE_URL": "postgres://mindwell@db.internal:5432/mindwell",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp://mailer:secret@smtp.mindwell.example:587/?tls=True",
}


def without(*names, **changes):
    return {**{k: v for k, v in COMPLETE.items() if k not in names}, **changes}


def test_complete_production_settings_are_accepted():
    assert missing_settings(COMPLETE) == []


def test_each_missing_setting_is_named_with_its_reason():
    for name in COMPLETE:
        (problem,) = missing_settings(without(name))
        assert problem.startswith(f"{name}: ")


def test_settings_that_production_cannot_run_on_are_refused():
    assert missing_settings(without(SECRET_KEY="short"))[0].startswith("SECRET_KEY")
    # SQLite cannot be shared by three gunicorn workers and the task worker.
    assert missing_settings(without(DATABASE_URL="sqlite:///db.sqlite3"))[0].startswith(
        "DATABASE_URL"
    )
    (problem,) = missing_settings(without(BASE_URL="http://127.0.0.1:8080"))
    assert problem.startswith("SECURE_SSL_REDIRECT=false")
    local = without(BASE_URL="http://127.0.0.1:8080", SECURE_SSL_REDIRECT="false")
    assert missing_settings(local) == []


def test_make_serve_refuses_and_says_what_to_export():
    result = subprocess.run(
        [sys.executable, "-m", "deploy.stack"],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "PORT": "8085"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    for name in COMPLETE:
        assert f"  - {name}: " in result.stderr
    assert "export BASE_URL=http://127.0.0.1:8085 SECURE_SSL_REDIRECT=false" in result.stderr


def make_serve_line(*args, **env):
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "serve", *args],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if "deploy.stack" in line]
    return line


def test_make_serve_listens_on_8080_unless_port_says_otherwise():
    assert make_serve_line() == "PORT=8080 .venv/bin/python -m deploy.stack"
    assert make_serve_line("PORT=9000").startswith("PORT=9000 ")
    assert make_serve_line(PORT="9001").startswith("PORT=9001 ")


def test_the_exported_base_url_reaches_make_serve():
    # make run sets its own BASE_URL; make serve must not get that one.
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-p", "serve"],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "BASE_URL": "https://mindwell.example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "BASE_URL = https://mindwell.example" in result.stdout.splitlines()


def test_gunicorn_serves_production_settings_from_site():
    stack = Stack({"BASE_URL": "https://mindwell.example"}, port=8080)
    command = stack.gunicorn_command()
    assert command[command.index("--bind") + 1] == "127.0.0.1:8081"
    assert ["--pythonpath", "site", "wsgi:application"] == command[3:6]
    assert stack.env["DJANGO_SETTINGS_MODULE"] == "settings.production"
    assert stack.env["FRONTEND_CACHE_URL"] == "http://127.0.0.1:8080"
    assert stack.env["CLIENT_IP_HEADER"] == "HTTP_X_REAL_IP"


def test_varnish_sends_visitors_to_gunicorn():
    vcl = backend_vcl(8081)
    assert '.host = "127.0.0.1";' in vcl and '.port = "8081";' in vcl
    # No health probe: under a spike a slow probe would mark gunicorn sick (docs/operations.md,
    # "The page cache").
    assert ".probe" not in vcl


def test_preflight_asks_for_the_rum_extension_of_the_local_postgresql(tmp_path):
    assert optional_packages(root=tmp_path) == []  # no local server: nothing to add
    server = tmp_path / "lib/postgresql/15/bin/postgres"
    server.parent.mkdir(parents=True)
    server.touch()
    assert optional_packages(root=tmp_path) == ["postgresql-15-rum"]
    control = tmp_path / "share/postgresql/15/extension/rum.control"
    control.parent.mkdir(parents=True)
    control.touch()
    assert optional_packages(root=tmp_path) == []
