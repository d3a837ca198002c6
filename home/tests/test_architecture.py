"""The apps' dependency direction (docs/architecture.md) is checked by import-linter in `make
lint`; these tests pin what that check relies on."""

import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd, files=None):
    """Run lint-imports in `cwd`, after writing `files` ({relative path: text}) there."""
    for name, text in (files or {}).items():
        path = cwd / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_apps_keep_their_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_inside_a_function_breaks_the_layers(tmp_path):
    """An upward import hidden in a function body (the old way of dodging a cycle) is caught,
    so the check needs no separate rule for function-level imports."""
    result = lint_imports(
        tmp_path,
        {
            "upper/__init__.py": "",
            "upper/views.py": "def view():\n    return 1\n",
            "lower/__init__.py": "",
            "lower/models.py": "def method():\n    from upper.views import view\n\n"
            "    return view()\n",
            ".importlinter": "[importlinter]\nroot_packages =\n    upper\n    lower\n\n"
            "[importlinter:contract:layers]\nname = Layers\ntype = layers\n"
            "layers =\n    upper\n    lower\n",
        },
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "lower.models -> upper.views (l.2)" in result.stdout


def test_a_cycle_dodged_inside_a_function_breaks_the_acyclic_rule(tmp_path):
    """Inside one app: models calling views from a method while views import models is a cycle
    even though it imports without error."""
    result = lint_imports(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/views.py": "from .models import Page\n",
            "app/models.py": "class Page:\n    def serve(self):\n"
            "        from .views import serve\n\n        return serve(self)\n",
            ".importlinter": "[importlinter]\nroot_packages =\n    app\n\n"
            "[importlinter:contract:acyclic]\nname = Acyclic\ntype = acyclic_siblings\n"
            "ancestors =\n    app\n",
        },
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "No cycles are allowed in app" in result.stdout


APPS = ("home", "therapists", "articles", "search")


def test_each_apps_static_files_live_under_its_own_name():
    """Static files are namespaced by app (`<app>/static/<app>/…`), as templates are, so two
    apps' `css/site.css` can never shadow each other in collectstatic."""
    stray = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app / "static").rglob("*")
        if path.is_file() and path.relative_to(ROOT / app / "static").parts[0] != app
    ]
    assert stray == []


def test_django_messages_are_written_by_one_partial():
    """Every page shows Django messages through home/includes/messages.html, so they look and
    are announced the same everywhere."""
    partial = ROOT / "home/templates/home/includes/messages.html"
    writers = [
        str(path.relative_to(ROOT))
        for app in (*APPS, "site")
        for path in (ROOT / app / "templates").rglob("*.html")
        if path != partial and "in messages %}" in path.read_text()
    ]
    assert writers == []


def test_each_apps_admin_urls_are_namespaced():
    """Apps' own admin views live in their admin_urls.py, included under the app's namespace by
    the register_admin_urls hook, so no two apps' URL names can collide."""
    assert reverse("home_admin:retry_email", args=[1]) == "/admin/home/outgoingemail/1/retry/"
    assert reverse("articles_admin:moderate_comments") == "/admin/articles/comment/moderate/"
    assert reverse("therapists_admin:messages") == "/admin/my-messages/"
