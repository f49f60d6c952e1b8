"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's own browser download cannot work on these machines, so the
browser is launched from /usr/bin/chromium (installed by `make test`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from certifications.seed.loader import load_catalogue

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls made by the test itself (fixtures, assertions).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server: Any) -> Any:
    """The live server with the seed catalogue (browser tests flush the database after each test)."""
    load_catalogue()
    return live_server


def _page(browser: Browser, site: Any, **options: Any) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport=DESKTOP, **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(browser: Browser, site: Any) -> Iterator[Page]:
    yield from _page(browser, site)


@pytest.fixture
def page_without_js(browser: Browser, site: Any) -> Iterator[Page]:
    yield from _page(browser, site, java_script_enabled=False)


def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core violations of serious or critical impact on the current page, as readable lines."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot as a test artefact under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
