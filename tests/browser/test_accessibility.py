"""axe-core on every kind of public page, narrow and wide, light and dark."""

from importlib import resources

import pytest

from tests.helpers.browser import NARROW, PAGE_TYPES, WIDE
from tests.helpers.ci import require

# (label, viewport, colour scheme): dark mode is checked for its contrast above all.
CONDITIONS = [
    ("1280 px, light", WIDE, "light"),
    ("360 px, light", NARROW, "light"),
    ("1280 px, dark", WIDE, "dark"),
    ("360 px, dark", NARROW, "dark"),
]

# Every rule axe runs by default (WCAG 2.x A and AA, and its best practices), with the
# details a person needs to find each problem.
#
# Before each run, axe is told that no font on the page is an icon font. axe-core (4.7 and
# later) guesses icon-font ligatures by drawing a text node's first letter and then the
# whole text on a canvas: Arabic letters change shape and width when they join, so Arabic
# text looks like a ligature to it, and once three text nodes in a font family have looked
# like one, axe skips the contrast check for every text in that family, which on this site
# is nearly all of it. The site has no icon font (its icons are inline SVG), so the answer
# is true; ``test_axe_checks_the_contrast_of_arabic_text`` proves the contrast check runs.
RUN_AXE = """async () => {
  if (!axe._cache) throw new Error('axe._cache is gone: update RUN_AXE for this axe-core');
  axe._cache.set('fonts', new Proxy({}, {get: () => ({occurrences: 1e9, numLigatures: 0})}));
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html, summary: n.failureSummary,
    })),
  }));
}"""


@pytest.fixture(scope="module")
def axe_script():
    """The axe-core build bundled with the axe-playwright-python package."""
    try:
        script = resources.files("axe_playwright_python") / "axe.min.js"
    except ModuleNotFoundError:
        script = None
    require(
        script is not None and script.is_file(),
        "axe-playwright-python is not installed (pip install -e '.[dev]')",
    )
    return str(script)


def run_axe(page, axe_script):
    """axe-core run in the page. It is injected as an inline script, which the site's
    Content-Security-Policy forbids: pages for axe bypass the policy (``bypass_csp``);
    tests/browser/test_csp.py checks the policy itself."""
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(path=axe_script)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations(seeded_live_server, new_page, axe_script, name):
    page = new_page(viewport=WIDE, bypass_csp=True)
    response = page.goto(seeded_live_server.page_url(name))
    expected = 404 if name == "not_found" else 200
    assert response.status == expected, f"{name}: status {response.status}, not {expected}"
    page.evaluate("document.fonts.ready")
    problems = []
    for label, viewport, scheme in CONDITIONS:
        page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=scheme)
        problems += [(label, violation) for violation in run_axe(page, axe_script)]
    assert not problems, f"axe on {name} ({seeded_live_server.path(name)}):\n" + report(problems)


def test_axe_checks_the_contrast_of_arabic_text(seeded_live_server, new_page, axe_script):
    """Pale paragraphs fail, every one of them: a clean result above means a clean page."""
    page = new_page(bypass_csp=True)
    page.goto(seeded_live_server.page_url("paper"))
    page.evaluate("document.fonts.ready")
    paragraphs = page.evaluate(
        """() => {
          const paragraphs = document.querySelectorAll('.body p');
          for (const p of paragraphs) { p.dataset.pale = ''; p.style.color = '#c4c4c4'; }
          return paragraphs.length;
        }"""
    )
    assert paragraphs > 10

    violations = {violation["id"]: violation for violation in run_axe(page, axe_script)}

    assert "color-contrast" in violations, report([("pale", v) for v in violations.values()])
    flagged = [n for n in violations["color-contrast"]["nodes"] if "data-pale" in n["html"]]
    assert len(flagged) == paragraphs


def report(problems):
    lines = []
    for label, violation in problems:
        lines.append(f"[{violation['impact']}] {violation['id']} ({label}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {node['target']}  {node['html'][:160]}")
            lines.extend(f"        {detail}" for detail in node["summary"].splitlines())
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
