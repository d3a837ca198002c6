"""Test helpers shared by every app: accessibility (axe-core), HTML validity (vnu), Lighthouse."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = REPO_ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_browser_tools():
    """What a browser test run needs and this machine lacks (empty when all is there)."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists() or not VNU_JAR.exists() or not LIGHTHOUSE.exists():
        missing.append("node_modules with axe-core, vnu-jar and lighthouse (npm ci)")
    if not shutil.which("node"):
        missing.append("node (apt-get install nodejs)")
    if not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    return missing


# Added to every browser test's pages before their own scripts run (conftest.browser_page):
# keeps each Content-Security-Policy violation the page reports, enforced or report-only.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ":" + event.lineNumber,
        sample: event.sample,
        disposition: event.disposition,
    });
});
"""


def csp_violations(page, disposition="enforce"):
    """The violations of the page's CSP so far ("enforce": what the browser blocked)."""
    found = page.evaluate("window.__cspViolations || []")
    return [v for v in found if disposition is None or v["disposition"] == disposition]


def assert_accessible(page, context=""):
    """Run axe-core (WCAG 2.x A/AA and best practices) in the page; fail on any violation."""
    # Through DevTools rather than a <script> tag, which the site's CSP refuses as inline script.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                             "wcag22aa", "best-practice"]},
        })"""
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe violations on {context or page.url}:\n" + "\n".join(violations)
    blocked = csp_violations(page)
    assert not blocked, f"Content-Security-Policy violations on {context or page.url}: {blocked}"


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def assert_fits_the_width(page, context=""):
    """Nothing wider than the viewport: the page never scrolls sideways."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{context or page.url} scrolls sideways: {widths}"


def on_one_line(locator):
    """Whether every element the locator matches is laid out on a single line."""
    return all(
        count == 1
        for count in locator.evaluate_all("els => els.map(e => e.getClientRects().length)")
    )


LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_scores(url, attempts=3):
    """Lighthouse's category scores (0 to 1) for one URL, in this machine's Chromium, offline.

    Lighthouse sometimes loses the page-load trace in headless Chromium and asks to be run again
    (a runtime error such as NO_NAVSTART, not a score): that alone is retried.
    """
    for _attempt in range(attempts):
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if "Please run Lighthouse again" in result.stderr + result.stdout[-2000:]:
            continue
        assert result.returncode == 0, f"lighthouse failed on {url}: {result.stderr[-2000:]}"
        report = json.loads(result.stdout)
        assert not report.get("runtimeError"), f"lighthouse on {url}: {report['runtimeError']}"
        return {name: category["score"] for name, category in report["categories"].items()}
    raise AssertionError(f"lighthouse could not record {url} in {attempts} attempts")


class HtmlValidator:
    """The Nu HTML Checker as a local HTTP service, started once per test session."""

    def __init__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.process = subprocess.Popen(
            [
                "java",
                "-Xss1m",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU_JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.check("<!DOCTYPE html><html lang=en><title>t</title></html>")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("The vnu HTML checker did not start")

    def check(self, html):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json",
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["messages"]

    def assert_valid(self, html, context=""):
        errors = [
            f"line {m.get('lastLine')}: {m['message']}"
            for m in self.check(html)
            if m["type"] == "error" or m.get("subType") == "fatal"
        ]
        assert not errors, f"invalid HTML {context}:\n" + "\n".join(errors)

    def assert_page_valid(self, page, context=""):
        """Validate the HTML the server sent for the page's URL (not the live DOM)."""
        response = page.context.request.get(page.url)
        self.assert_valid(response.text(), context or page.url)

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
