"""The tools of `make bench-http` (home/bench_http.py): reading wrk, nginx serving the cached
bytes, the rotation script. The figures themselves are printed, never asserted."""

import gzip
import os
import shutil
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.request import Request, urlopen

import pytest

from home.bench_http import nginx_serving, parse_wrk, poll_until, rotation_script, run_wrk, to_ms

REPORT = """\
Running 10s test @ http://127.0.0.1:18081/articles/a/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   410.33ms  120.10ms   1.20s    70.00%
    Req/Sec    19.50      6.20    30.00     60.00%
  Latency Distribution
     50%  402.10ms
     75%  480.00ms
     90%  600.00ms
     99%     1.10s
  389 requests in 10.02s, 9.80MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:     38.82
Transfer/sec:      0.98MB
""".replace("1.10s", "1.10s ")  # wrk pads latencies in seconds with a space


def tool_missing(name):
    # CI installs the bench's tools (.ci/run): there these tests must run.
    return shutil.which(name) is None and not os.environ.get("CI")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_wrk_report_in_numbers():
    result = parse_wrk(REPORT)
    assert result["rps"] == 38.82
    assert result["p50"] == pytest.approx(402.1) and result["p99"] == pytest.approx(1100)
    assert (result["requests"], result["errors"], result["non_2xx"]) == (389, 5, 4)


def test_a_clean_report_has_no_errors():
    clean = "\n".join(
        line for line in REPORT.splitlines() if not line.strip().startswith(("Socket", "Non-2xx"))
    )
    assert (parse_wrk(clean)["errors"], parse_wrk(clean)["non_2xx"]) == (0, 0)


def test_latency_units():
    assert [to_ms(v) for v in ("850.00us", "12.5ms", "1.50s", "2.00m")] == [
        0.85,
        12.5,
        1500,
        120_000,
    ]


def test_anything_but_a_report_is_refused():
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_polling_says_how_long_or_gives_up():
    calls = iter([False, False, True])
    assert poll_until(lambda: next(calls), timeout=5, interval=0.001) < 5
    assert poll_until(lambda: False, timeout=0.05, interval=0.01) is None


@pytest.mark.skipif(tool_missing("nginx"), reason="nginx is not installed (nginx-light)")
def test_nginx_serves_the_cached_bytes_as_they_came():
    body = gzip.compress(b"<!DOCTYPE html><p>An article</p>")
    with nginx_serving(body, free_port()) as url:
        with urlopen(Request(url, headers={"Accept-Encoding": "gzip"})) as response:
            assert response.read() == body
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.skipif(tool_missing("wrk"), reason="wrk is not installed")
def test_wrk_rotates_through_the_paths():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            seen.append(self.path)
            self.send_response(200 if self.path != "/missing/" else 404)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        script = rotation_script(["/a/", '/q?x="1"', "/missing/"])
        result = run_wrk(f"http://127.0.0.1:{server.server_port}/", 2, 1, script=script)
    finally:
        server.shutdown()
        server.server_close()
    assert {"/a/", '/q?x="1"', "/missing/"} <= set(seen)
    assert result["requests"] > 0 and result["non_2xx"] > 0


def test_the_benchmark_refuses_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "k" * 60,
        "BASE_URL": "https://mindwell.example",
        "EMAIL_URL": "console://",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "bench_http"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Refusing to run under production settings" in result.stderr
