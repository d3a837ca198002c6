"""Tools of `make bench-http` (home/management/commands/bench_http.py): wrk runs and their
figures, a throw-away nginx and Redis, and a baseline checkout served beside the current code."""

import re
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from deploy.stack import wait_for_port

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
WRK_THREADS = 2


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip()).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output):
    """wrk's report (run with --latency) as numbers: rps, p50/p99 in ms, requests, errors
    (socket errors of every kind) and non-2xx/3xx answers."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rps is None:
        raise ValueError(f"Not a wrk report:\n{output}")
    percentiles = {
        int(p): to_ms(value)
        for p, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE)
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rps.group(1)),
        "p50": percentiles.get(50),
        "p99": percentiles.get(99),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "output": output,
    }


def rotation_script(paths):
    """A wrk Lua script that asks for each path in turn (a mix of pages under one load)."""
    quoted = ", ".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
    return (
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )


def run_wrk(url, connections, seconds, headers=(), script=None):
    command = ["wrk", "--latency", "-t", str(WRK_THREADS), "-c", str(connections)]
    command += ["-d", f"{seconds}s", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        result = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=seconds + 60
        )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr or result.stdout}")
    return parse_wrk(result.stdout)


def nginx_config(root, port, run_dir):
    """nginx serving `root` on 127.0.0.1:port, every file as gzipped HTML (the bytes Varnish
    sent), with everything it writes kept in run_dir."""
    return f"""\
worker_processes auto;
daemon off;
pid {run_dir}/nginx.pid;
error_log {run_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run_dir}/body;
    proxy_temp_path {run_dir}/proxy;
    fastcgi_temp_path {run_dir}/fastcgi;
    uwsgi_temp_path {run_dir}/uwsgi;
    scgi_temp_path {run_dir}/scgi;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{
            types {{ }}
            default_type "text/html; charset=utf-8";
            add_header Content-Encoding gzip;
        }}
    }}
}}
"""


@contextmanager
def nginx_serving(body, port):
    """nginx (Debian's nginx-light) serving `body` at /page.html on port, for the run only."""
    run_dir = Path(tempfile.mkdtemp(prefix="mindwell-nginx-"))
    run_dir.chmod(0o755)  # its workers run as another user
    (run_dir / "root").mkdir(mode=0o755)
    (run_dir / "root" / "page.html").write_bytes(body)
    (run_dir / "root" / "page.html").chmod(0o644)
    (run_dir / "nginx.conf").write_text(nginx_config(run_dir / "root", port, run_dir))
    process = subprocess.Popen(
        ["nginx", "-c", str(run_dir / "nginx.conf"), "-e", str(run_dir / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_for_port("127.0.0.1", port, 20, process):
            raise RuntimeError(f"nginx did not start: {(run_dir / 'error.log').read_text()}")
        yield f"http://127.0.0.1:{port}/page.html"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(run_dir, ignore_errors=True)


@contextmanager
def redis_server(port):
    """A Redis of the benchmark's own on port, keeping nothing on disk."""
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not wait_for_port("127.0.0.1", port, 20, process):
            raise RuntimeError(f"redis-server did not start on port {port}.")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def baseline_checkout(repo, commit, stdout):
    """`commit` checked out beside the working tree (git worktree) with its own venv; removed
    afterwards. Yields (folder, its python)."""
    folder = Path(tempfile.mkdtemp(prefix="mindwell-baseline-"))
    subprocess.run(
        ["git", "-C", str(repo), "worktree", "add", "--detach", str(folder), commit],
        check=True,
        capture_output=True,
    )
    try:
        stdout.write(f"Building the baseline's venv ({commit} in {folder})…")
        subprocess.run(["python3", "-m", "venv", str(folder / ".venv")], check=True)
        python = folder / ".venv" / "bin" / "python"
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
            cwd=folder,
            capture_output=True,
            text=True,
        )
        if installed.returncode != 0:
            raise RuntimeError(f"The baseline's pip install failed:\n{installed.stderr[-3000:]}")
        yield folder, str(python)
    finally:
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "remove", "--force", str(folder)],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def poll_until(check, timeout, interval=0.02):
    """Seconds until check() is true, or None after `timeout` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(interval)
    return None
