"""Accessibility and markup of every public page type: axe-core in Debian's chromium at desktop and phone widths
(no serious or critical violation), the Nu HTML checker (no error), no CSP violation, and a phone screenshot
of each page in artifacts/screenshots for review."""

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.hardening.site import load_demo_site, public_urls

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}
BLOCKING_IMPACTS = {"serious", "critical"}


def html_pages(base):
    """Public URLs that answer HTML (feeds, sitemaps and exports are left to their own tests)."""
    pages = []
    for url in public_urls():
        url = urllib.parse.quote(url, safe="/?=&%")
        try:
            with urllib.request.urlopen(base + url) as response:
                if response.headers.get_content_type() == "text/html":
                    pages.append((url, response.read().decode()))
        except urllib.error.HTTPError as error:  # an export called without its parameters: not a page
            assert error.code in {400, 404}, (url, error.code)
    return pages


def screenshot_name(url):
    name = re.sub(r"[^a-z0-9]+", "-", url.split("?")[0].strip("/").lower()).strip("-")
    return name or "home"


def axe_violations(page):
    # A message still fading in (Wagtail's .messages) reads as low contrast: check the page as it settles.
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(animation => animation.effect.getComputedTiming().endTime !== Infinity)"
        ".map(animation => animation.finished.catch(() => null)))"
    )
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"][:3]
    ]


@pytest.fixture
def site(live_server):
    if not AXE.exists() or not VNU.exists():
        pytest.fail("缺少 axe-core 或 vnu-jar：请先运行 `npm install`")
    load_demo_site()
    return live_server.url, html_pages(live_server.url)


def test_every_page_type_passes_axe_at_desktop_and_phone_width(browser, site):
    base, pages = site
    problems, csp_violations, checked = [], [], 0
    for width_name, viewport in WIDTHS.items():
        # axe is injected as an inline script, which our CSP forbids; this context alone bypasses it.
        context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
        page = context.new_page()
        for url, _ in pages:
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            problems += [f"{width_name} {url}: {problem}" for problem in axe_violations(page)]
            checked += 1
            if width_name == "phone":
                screenshot(page, f"{screenshot_name(url)}-phone")
        context.close()

    strict = browser.new_context(locale="zh-CN")
    page = strict.new_page()
    page.on(
        "console", lambda message: csp_violations.append(message.text) if "Content Security" in message.text else None
    )
    for url, _ in pages:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
    strict.close()

    assert checked >= 2 * 4
    assert problems == [], "\n".join(problems)
    assert csp_violations == [], "\n".join(csp_violations)


def nu_errors(files):
    """The Nu HTML checker's errors in the saved documents `files`, as "file:line: message"."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]


def test_every_page_type_is_valid_html(site, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Nu HTML checker 需要 Java：apt-get install default-jre-headless")
    _, pages = site
    files = []
    for url, html in pages:
        path = tmp_path / f"{screenshot_name(url)}.html"
        path.write_text(html)
        files.append(str(path))
    errors = nu_errors(files)
    assert len(files) >= 4
    assert errors == [], "\n".join(errors)


# 适老化 modes: the same checks with each choice of the toolbar, on home and a news item.

MODES = {
    "large": {"size": "large"},
    "xlarge": {"size": "xlarge"},
    "contrast": {"contrast": True},
    "elder": {"elder": True, "size": "xlarge"},
}
MODE_PAGES = ["/", "/news/news-031/"]


def in_mode(browser, viewport, preferences):
    """A browser page whose visitor has chosen `preferences` on an earlier visit (as the toolbar stores them)."""
    context = browser.new_context(locale="zh-CN", viewport=viewport, bypass_csp=True)
    stored = json.dumps(json.dumps(preferences))
    context.add_init_script(f"window.localStorage.setItem('portal-preferences', {stored})")
    return context, context.new_page()


def test_every_mode_passes_axe_and_the_nu_checker(browser, live_server, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Nu HTML checker 需要 Java：apt-get install default-jre-headless")
    load_demo_site()
    problems, files = [], []
    for mode, preferences in MODES.items():
        for width_name, viewport in WIDTHS.items():
            context, page = in_mode(browser, viewport, preferences)
            for url in MODE_PAGES:
                page.goto(live_server.url + url)
                page.wait_for_load_state("networkidle")
                assert page.evaluate("document.documentElement.classList.contains('js')")
                if width_name == "phone":  # the document as the mode left it, before axe is added to it
                    path = tmp_path / f"{mode}-{screenshot_name(url)}.html"
                    path.write_text(page.content())
                    files.append(str(path))
                    screenshot(page, f"{screenshot_name(url)}-{mode}-phone")
                problems += [f"{mode} {width_name} {url}: {problem}" for problem in axe_violations(page)]
            context.close()
    problems += nu_errors(files)
    assert problems == [], "\n".join(problems)
