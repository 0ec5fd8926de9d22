"""A live warta site over the seed articles, and Debian's Chromium driven by Playwright.

Skips (with the reason) when /usr/bin/chromium or the ``playwright`` package is
missing.  Playwright's own browser download is never used: the machine running
CI has no network, so the tests drive the system Chromium, headless, with
everything that would phone home turned off.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import HOSTILE, SEEDS, fill_store

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def sync_api() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install playwright; no browser download)")
    return sync_api


@pytest.fixture(scope="session")
def browser(sync_api: Any) -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from warta.config import load
    from warta.ingest.readers import read_paths
    from warta.model import RawRecord
    from warta.store import Store

    cfg = load()
    store = Store(str(tmp_path_factory.mktemp("browser") / "warta.db"))
    records = [
        r for r in read_paths([str(SEEDS)], cfg.csv_columns, cfg.max_record_bytes) if isinstance(r, RawRecord)
    ]
    fill_store(store, records + [HOSTILE], cfg)
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def site(site_store: Any) -> Iterator[str]:
    """The app served by uvicorn from a background thread; yields its base URL."""
    import uvicorn

    from warta.api.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(site_store), host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    urllib.request.urlopen(base + "/timeline", timeout=60).read()  # warm up the corpus imports
    yield base
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session", params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def context(browser: Any, viewport: str) -> Iterator[Any]:
    """One browser context per screen size (a new context per test costs about a second)."""
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A fresh page; fails the test on any console error, page error or dialog (e.g. injected alert)."""
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.expected_errors = []  # substrings of console errors a test expects
    yield page
    page.close()
    problems = [p for p in problems if not any(e in p for e in page.expected_errors)]
    assert not problems, problems


def shot(page: Any, name: str, screens: int = 3) -> Path:
    """Save the top ``screens`` screenfuls of the page (0: what is on screen now) under artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    if screens == 0:
        page.screenshot(path=str(path))
        return path
    size = page.viewport_size
    height = min(page.evaluate("document.documentElement.scrollHeight"), size["height"] * screens)
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": size["width"], "height": height}
    )
    return path
