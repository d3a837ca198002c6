"""The production stack on one machine: gunicorn behind Varnish, and the task worker.

`make serve` runs `python -m deploy.stack`; `make bench-http` starts the same stack through
`Stack`. Standard library only: it runs before anything else is known to work.

- deploy/preflight.py: what production settings lack, the Debian packages to install.
- `Stack`: migrate and collectstatic, then gunicorn, Varnish and `db_worker`, each in its own
  process group, stopped together (SIGTERM, then SIGKILL after a grace period).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from deploy.preflight import (
    LOCAL_EXAMPLE,
    install_optional_packages,
    install_packages,
    missing_packages,
    missing_settings,
    optional_packages,
)

REPO = Path(__file__).resolve().parent.parent
VCL = REPO / "deploy" / "varnish" / "mindwell.vcl"
# Two cores: three processes keep both busy while one waits on PostgreSQL or Redis, and two
# threads each overlap a slow query or upstream without the memory of more processes.
DEFAULT_WORKERS = 3
DEFAULT_THREADS = 2
STOP_GRACE_SECONDS = 15
# A process that exits is started again, up to this many times a minute.
RESTARTS_PER_MINUTE = 5


def _stop_with_parent():
    """In the child: get SIGTERM if the launcher dies, even by SIGKILL (Linux prctl)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def wait_for_port(host, port, timeout, process=None):
    """Wait until something accepts connections on host:port (or `process` exits)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def port_is_free(host, port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def backend_vcl(port):
    """The `backend default` block mindwell.vcl includes: gunicorn on 127.0.0.1:port."""
    return (
        "# Written by deploy/stack.py for this run.\n"
        "backend default {\n"
        '    .host = "127.0.0.1";\n'
        f'    .port = "{port}";\n'
        "    .connect_timeout = 1s;\n"
        "    .first_byte_timeout = 35s;\n"
        "    .between_bytes_timeout = 10s;\n"
        "}\n"
    )


class Stack:
    """gunicorn (production settings) on backend_port, Varnish on host:port, the task worker.

    `env` is the environment of every process (production settings are added); `repo` and
    `python` allow another checkout (the benchmark's baseline) to be served the same way.
    `extra_vcl` is appended to the generated include (the benchmark's own rules).
    """

    def __init__(
        self,
        env,
        port=8080,
        host="127.0.0.1",
        backend_port=None,
        workers=DEFAULT_WORKERS,
        threads=DEFAULT_THREADS,
        repo=REPO,
        python=sys.executable,
        worker=True,
        varnish=True,
        gunicorn=True,
        extra_vcl="",
        cache_size="256m",
        quiet=False,
    ):
        self.port = port
        self.host = host
        self.backend_port = backend_port or port + 1
        self.workers = workers
        self.threads = threads
        self.repo = Path(repo)
        self.python = python
        self.with_worker = worker
        self.with_varnish = varnish
        self.with_gunicorn = gunicorn  # False: Varnish in front of whatever is on backend_port
        self.extra_vcl = extra_vcl
        self.cache_size = cache_size
        self.quiet = quiet
        self.env = dict(env)
        self.env["DJANGO_SETTINGS_MODULE"] = "settings.production"
        # Purges go to this Varnish; rate limits see the client Varnish names, not Varnish.
        if varnish:
            self.env.setdefault("FRONTEND_CACHE_URL", f"http://127.0.0.1:{port}")
            self.env.setdefault("CLIENT_IP_HEADER", "HTTP_X_REAL_IP")
        self.env.setdefault("PYTHONUNBUFFERED", "1")
        self.processes = {}
        self.run_dir = None

    # Steps

    def manage(self, *args):
        subprocess.run([self.python, "manage.py", *args], cwd=self.repo, env=self.env, check=True)

    def prepare(self):
        """migrate and collectstatic with production settings, as every deploy does first."""
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")

    def start(self):
        busy = [p for p in self.ports() if not port_is_free(p[0], p[1])]
        if busy:
            raise RuntimeError(
                "Port in use: " + ", ".join(f"{h}:{p}" for h, p in busy) + " (set PORT)."
            )
        self.run_dir = Path(tempfile.mkdtemp(prefix="mindwell-stack-"))
        self.run_dir.chmod(0o755)  # Varnish compiles the included VCL as its own user
        if self.with_gunicorn:
            self.start_gunicorn()
        if self.with_varnish:
            self.start_varnish()
        if self.with_worker:
            self.start_worker()
        return self

    def start_worker(self):
        self.spawn("worker", [self.python, "manage.py", "db_worker", "--no-reload"])

    def ports(self):
        ports = [("127.0.0.1", self.backend_port)] if self.with_gunicorn else []
        if self.with_varnish:
            ports.append((self.host, self.port))
        return ports

    def gunicorn_command(self, workers=None):
        return [
            self.python,
            "-m",
            "gunicorn",
            "--pythonpath",
            "site",
            "wsgi:application",
            "--bind",
            f"127.0.0.1:{self.backend_port}",
            "--workers",
            str(workers or self.workers),
            "--threads",
            str(self.threads),
            "--worker-class",
            "gthread" if self.threads > 1 else "sync",
            # Import the site once, before forking: workers start warm and share that memory.
            "--preload",
            "--timeout",
            "30",
            "--graceful-timeout",
            "10",
            "--keep-alive",
            "5",
            # Recycle workers now and then (a slow leak never grows), not all at once.
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
            "--worker-tmp-dir",
            "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir(),
            "--forwarded-allow-ips",
            "127.0.0.1,::1",
            # gunicorn 27's control socket is one path per user: two stacks would share it.
            "--no-control-socket",
        ]

    def start_gunicorn(self):
        process = self.spawn("gunicorn", self.gunicorn_command())
        if not wait_for_port("127.0.0.1", self.backend_port, 60, process):
            raise RuntimeError("gunicorn did not start (its errors are above).")
        self.warm_up()

    def warm_up(self):
        """A few requests, so every worker has loaded its templates and URLs before Varnish
        sends it visitors (a cold first request takes a second or more)."""
        host = urlsplit(self.env.get("BASE_URL", "")).netloc or "127.0.0.1"
        for _ in range(self.workers * self.threads * 2):
            request = Request(
                f"http://127.0.0.1:{self.backend_port}/robots.txt",
                headers={"Host": host, "X-Forwarded-Proto": "https"},
            )
            try:
                urlopen(request, timeout=30).close()
            except OSError:
                pass

    def restart_gunicorn(self):
        """Stop gunicorn hard and start it again (the benchmark's grace check)."""
        self.stop_process("gunicorn", signal.SIGKILL)
        self.start_gunicorn()

    def start_varnish(self):
        (self.run_dir / "mindwell-backend.vcl").write_text(
            backend_vcl(self.backend_port) + self.extra_vcl
        )
        command = [
            "varnishd",
            "-F",
            "-n",
            str(self.run_dir / "varnish"),
            "-a",
            f"{self.host}:{self.port}",
            "-T",
            "127.0.0.1:0",
            "-p",
            f"vcl_path={self.run_dir}:{VCL.parent}:/usr/share/varnish/vcl",
            "-f",
            str(VCL),
            "-s",
            f"malloc,{self.cache_size}",
        ]
        if os.geteuid() != 0:
            command += ["-j", "none"]  # its default jail switches users, which needs root
        process = self.spawn("varnish", command)
        if not wait_for_port(self.host, self.port, 60, process):
            raise RuntimeError("Varnish did not start (its errors are above).")

    # Processes

    def spawn(self, name, command):
        output = subprocess.DEVNULL if self.quiet else None
        process = subprocess.Popen(
            command,
            cwd=self.repo,
            env=self.env,
            start_new_session=True,  # its own process group: stopped as one
            preexec_fn=_stop_with_parent,
            stdout=output,
            stderr=output,
        )
        self.processes[name] = process
        return process

    def stop_process(self, name, sig=signal.SIGTERM, grace=STOP_GRACE_SECONDS):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        self._signal_group(process, sig)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            self._signal_group(process, signal.SIGKILL)
            process.wait()

    @staticmethod
    def _signal_group(process, sig):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self):
        """SIGTERM to every process group at once (gunicorn finishes its requests, the worker
        its task), SIGKILL to what is left after STOP_GRACE_SECONDS."""
        running = [p for p in self.processes.values() if p.poll() is None]
        for process in running:
            self._signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in running:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal_group(process, signal.SIGKILL)
                process.wait()
        self.processes.clear()
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None

    def wait(self):
        """Block until a process exits; returns its name and exit code."""
        while True:
            for name, process in self.processes.items():
                code = process.poll()
                if code is not None:
                    return name, code
            time.sleep(0.5)

    def supervise(self, max_restarts=RESTARTS_PER_MINUTE):
        """Run until stopped, starting again whatever exits (Varnish serves cached pages while
        gunicorn comes back). A process that keeps failing stops the stack: returns its name."""
        restarts = {name: [] for name in self.processes}
        starters = {
            "gunicorn": self.start_gunicorn,
            "varnish": self.start_varnish,
            "worker": self.start_worker,
        }
        while True:
            name, code = self.wait()
            now = time.monotonic()
            recent = [t for t in restarts.get(name, []) if now - t < 60] + [now]
            restarts[name] = recent
            self.processes.pop(name)
            if len(recent) > max_restarts:
                print(f"{name} keeps exiting (status {code}): stopping the stack.", file=sys.stderr)
                return name
            print(f"{name} exited with status {code}: starting it again.", file=sys.stderr)
            try:
                starters[name]()
            except RuntimeError as error:
                print(error, file=sys.stderr)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def serve():
    port = int(os.environ.get("PORT", "8080"))
    host = os.environ.get("HOST", "127.0.0.1")
    problems = missing_settings(os.environ)
    if problems:
        print("make serve runs production settings, which need:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("\n" + LOCAL_EXAMPLE.format(port=port), file=sys.stderr)
        return 2
    install_packages(missing_packages())
    install_optional_packages(optional_packages())
    stack = Stack(
        os.environ,
        port=port,
        host=host,
        backend_port=int(os.environ.get("BACKEND_PORT", port + 1)),
        workers=int(os.environ.get("WEB_WORKERS", DEFAULT_WORKERS)),
        threads=int(os.environ.get("WEB_THREADS", DEFAULT_THREADS)),
    )

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    # Ctrl-C, a closed terminal or a service manager: all stop the stack the same way (SIGINT
    # too, since a shell may start a background job with it ignored).
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_on_signal)
    try:
        print("migrate and collectstatic (production settings)…", flush=True)
        stack.prepare()
        stack.start()
        print(
            f"MindWell on http://{host}:{port}/ (Varnish) → gunicorn on 127.0.0.1:"
            f"{stack.backend_port} ({stack.workers} workers × {stack.threads} threads), "
            "task worker running. "
            "Ctrl-C stops all three.",
            flush=True,
        )
        stack.supervise()
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"make serve: {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(serve())
