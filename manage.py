#!/usr/bin/env python
import os
import sys
from pathlib import Path

# site/ holds the configuration as a source root (docs/architecture.md, "Layout").
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

import paths  # noqa: E402,F401

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
