"""The dashboard's charts on a phone (issue 18): every label of every chart is drawn whole inside its canvas.

Chart.js draws on a canvas, so the labels are not in the DOM: the test asks each chart for its label axis and
measures every line of every label with the axis' own font, against the room the axis has.
"""

import pytest

from conftest import ARTIFACTS, login
from registry.demo import DEMO_PASSWORD, seed

# For each chart, the widest line of any label, the room its axis leaves for labels, and how many labels
# the axis shows out of how many bars (Chart.js skips labels it cannot fit).
MEASURE = """() => Array.from(document.querySelectorAll("main canvas")).map((canvas) => {
  const chart = window.Chart.getChart(canvas);
  const axis = chart.options.indexAxis === "y" ? chart.scales.y : chart.scales.x;
  const ctx = chart.ctx;
  const font = axis.options.ticks.font;
  const f = typeof font === "function" ? font({chart: chart}) : font;
  const family = f.family || window.Chart.defaults.font.family;
  ctx.font = `${f.style || "normal"} ${f.weight || "normal"} ${f.size}px ${family}`;
  const lines = axis.ticks.flatMap((t) => [].concat(t.label));
  const widest = Math.max(0, ...lines.map((line) => ctx.measureText(line).width));
  const tallest = Math.max(1, ...axis.ticks.map((t) => [].concat(t.label).length)) * f.size * f.lineHeight;
  return {id: canvas.id, horizontal: chart.options.indexAxis === "y", widest: widest,
          tallest: tallest, pitch: axis.height / Math.max(1, axis.ticks.length),
          room: axis.width, left: axis.left, shown: axis.ticks.length, bars: chart.data.labels.length,
          canvas: canvas.getBoundingClientRect().width};
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_chart_labels_fit_on_a_phone(browser, live_server) -> None:
    seed()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    login(page, live_server, "vanphong", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/bao-cao/?nam=2024", wait_until="load")
    page.wait_for_function(
        "() => document.querySelectorAll('main canvas').length === 3 && "
        "Array.from(document.querySelectorAll('main canvas')).every(c => window.Chart.getChart(c))"
    )
    charts = page.evaluate(MEASURE)
    page.screenshot(path=str(ARTIFACTS / "reports-dashboard-phone.png"), full_page=True)
    assert len(charts) == 3
    for chart in charts:
        assert chart["bars"] > 0, chart
        assert chart["shown"] == chart["bars"], f"{chart['id']}: some labels skipped: {chart}"
        assert chart["left"] >= 0 and chart["canvas"] <= 390, chart
        if chart["horizontal"]:
            # Labels are drawn right-aligned against the bars: wider than their axis, they run off the left edge.
            assert chart["widest"] <= chart["room"], f"{chart['id']}: a label is cut: {chart}"
            # Each bar's band is as tall as its label: wrapped labels never run into each other.
            assert chart["tallest"] <= chart["pitch"], f"{chart['id']}: labels overlap: {chart}"
    context.close()
