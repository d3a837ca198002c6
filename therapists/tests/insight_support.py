"""The dashboard's weekly chart in a browser: axe on the chart's region and the Nu checker on
its markup (the Wagtail admin around it is Wagtail's own; the public pages are checked whole)."""

import time

from testing import AXE_JS

CHART = "[data-insight]"


def check_chart(page, html_validator, what):
    chart = page.locator(CHART).first
    assert chart.locator('svg[role="img"]').count() == 4, what
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        """async (selector) => await axe.run(document.querySelector(selector), {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                             "wcag22aa", "best-practice"]},
        })""",
        CHART,
    )
    violations = [f"{v['id']}: {v['help']}" for v in result["violations"]]
    assert not violations, f"axe violations in the chart on {what}: {violations}"
    markup = chart.evaluate("element => element.outerHTML")
    html_validator.assert_valid(
        f'<!DOCTYPE html><html lang="en"><head><title>{what}</title></head>'
        f"<body>{markup}</body></html>",
        f"chart on {what}",
    )


def chart_total(page, label):
    """The chart's 'label: N in 12 weeks' total, as shown."""
    text = page.locator(CHART).first.get_by_text(f"{label}:").first.inner_text()
    return int(text.split(":")[1].split()[0])


def wait_for(condition, what, seconds=5):
    """The beacon is sent as the page loads: wait (a little) for its count to land."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
