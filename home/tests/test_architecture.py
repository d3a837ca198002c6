"""The apps' dependency direction (docs/architecture.md) is checked by import-linter in `make
lint`; these tests pin what that check relies on."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd, *args):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_apps_keep_their_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_inside_a_function_breaks_the_layers(tmp_path):
    """An upward import hidden in a function body (the old way of dodging a cycle) is caught,
    so the check needs no separate rule for function-level imports."""
    for package in ("upper", "lower"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "upper" / "views.py").write_text("def view():\n    return 1\n")
    (tmp_path / "lower" / "models.py").write_text(
        "def method():\n    from upper.views import view\n\n    return view()\n"
    )
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_packages =\n    upper\n    lower\n\n"
        "[importlinter:contract:layers]\nname = Layers\ntype = layers\n"
        "layers =\n    upper\n    lower\n"
    )
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "lower.models -> upper.views (l.2)" in result.stdout


def test_a_cycle_dodged_inside_a_function_breaks_the_acyclic_rule(tmp_path):
    """Inside one app: models calling views from a method while views import models is a cycle
    even though it imports without error."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "views.py").write_text("from .models import Page\n")
    (tmp_path / "app" / "models.py").write_text(
        "class Page:\n    def serve(self):\n        from .views import serve\n\n"
        "        return serve(self)\n"
    )
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_packages =\n    app\n\n"
        "[importlinter:contract:acyclic]\nname = Acyclic\ntype = acyclic_siblings\n"
        "ancestors =\n    app\n"
    )
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "No cycles are allowed in app" in result.stdout
