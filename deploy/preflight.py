"""What `make serve` checks before it starts anything: the settings production cannot run
without, and the Debian packages the stack needs (installed when missing, as root)."""

import glob
import os
import shutil
import subprocess
from urllib.parse import urlsplit

XKEY_VMOD_GLOBS = (
    "/usr/lib/*/varnish/vmods/libvmod_xkey.so",
    "/usr/lib/varnish/vmods/libvmod_xkey.so",
)

LOCAL_EXAMPLE = """\
For a local run on this machine, for example:
  export SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
  export BASE_URL=http://127.0.0.1:{port} SECURE_SSL_REDIRECT=false
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/mindwell
  export REDIS_URL=redis://127.0.0.1:6379/0
  export EMAIL_URL=console://      # emails printed in the task worker's output, not sent
  make serve"""


def missing_settings(env):
    """What production settings need and `env` lacks: a list of "NAME: why" lines."""
    problems = []
    if len(env.get("SECRET_KEY", "")) < 50:
        problems.append("SECRET_KEY: 50+ random characters (sessions, CSRF and signed links).")
    base_url = env.get("BASE_URL", "").strip()
    if not base_url:
        problems.append("BASE_URL: where the site is served, e.g. https://mindwell.example.")
    elif urlsplit(base_url).scheme == "http" and env.get("SECURE_SSL_REDIRECT", "").lower() not in {
        "0",
        "false",
        "no",
        "off",
    }:
        problems.append(
            "SECURE_SSL_REDIRECT=false: BASE_URL is plain http, but production redirects every "
            "request to https (serve https through a TLS proxy in front of Varnish instead)."
        )
    if urlsplit(env.get("DATABASE_URL", "")).scheme not in {"postgres", "postgresql", "pgsql"}:
        problems.append("DATABASE_URL: a PostgreSQL URL, e.g. postgres://user@host:5432/mindwell.")
    if urlsplit(env.get("REDIS_URL", "")).scheme not in {"redis", "rediss", "unix"}:
        problems.append(
            "REDIS_URL: the cache every worker shares (rate limits), e.g. redis://127.0.0.1:6379/0."
        )
    if not env.get("EMAIL_URL", "").strip():
        problems.append("EMAIL_URL: the SMTP server, e.g. smtp://user:password@host:587/?tls=True.")
    return problems


def missing_packages():
    """The Debian packages the stack needs and this machine lacks."""
    missing = []
    if not shutil.which("varnishd"):
        missing.append("varnish")
    if not any(glob.glob(pattern) for pattern in XKEY_VMOD_GLOBS):
        missing.append("varnish-modules")
    return missing


def optional_packages(root="/usr"):
    """Packages the stack uses where it can: the RUM extension for the local PostgreSQL server,
    which ranks article search inside its index (docs/search.md); without it search still works
    (slower for very common words)."""
    servers = sorted(glob.glob(f"{root}/lib/postgresql/*/bin/postgres"))
    if not servers:  # PostgreSQL runs elsewhere: its administrator installs the extension
        return []
    version = servers[-1].split("/")[-3]
    if os.path.exists(f"{root}/share/postgresql/{version}/extension/rum.control"):
        return []
    return [f"postgresql-{version}-rum"]


def install_optional_packages(packages):
    """Install them as root; otherwise say how, and go on without them."""
    if packages and os.geteuid() != 0:
        print(
            f"Optional: `sudo apt-get install {' '.join(packages)}` makes article search rank "
            "inside its index (docs/search.md); going on without it.",
            flush=True,
        )
        return
    try:
        install_packages(packages)
    except subprocess.CalledProcessError as error:
        print(f"Could not install {', '.join(packages)} ({error}); going on without it.")


def install_packages(packages):
    if not packages:
        return
    command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    if os.geteuid() != 0:
        raise SystemExit(
            f"make serve needs {', '.join(packages)} and is not running as root: "
            f"run `sudo {' '.join(command)}` first."
        )
    print(f"Installing {', '.join(packages)} from Debian…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
    subprocess.run(command, env=env, check=True)
