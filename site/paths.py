"""Put the repository root on sys.path.

`site/` is a source root rather than a package (a package named `site` would shadow
the standard library's), so entry points that start inside it call this first to find
the apps (home, articles, therapists, search) beside it.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_ROOT = REPO_ROOT / "site"

for path in (str(REPO_ROOT), str(SITE_ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)
