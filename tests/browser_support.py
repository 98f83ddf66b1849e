"""Shared set-up of the browser tests: a built site served on localhost, Debian chromium via Playwright.

Never downloads a browser: ``/usr/bin/chromium`` (or ``$CHROMIUM``) is launched headless. A test
module calls :func:`playwright_or_skip` at import time, so it is skipped with a French message
when Playwright or chromium is missing.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def playwright_or_skip() -> Any:
    """``playwright.sync_api``, or the calling test module skipped when Playwright or chromium is absent."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (Python) absent : tests navigateur ignorés")
    if not CHROMIUM.exists():
        pytest.skip(f"chromium absent ({CHROMIUM}) : installez-le avec « apt-get install -y chromium »",
                    allow_module_level=True)
    return sync_api


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the signature of the base class
        return


def start_server(directory: Path | str) -> tuple[str, Callable[[], None]]:
    """Serve ``directory`` on 127.0.0.1 (free port) from a thread: base URL without final slash, and stop."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()
        thread.join()

    return f"http://127.0.0.1:{httpd.server_address[1]}", stop


@contextmanager
def serving(directory: Path | str) -> Iterator[str]:
    """:func:`start_server` for the duration of a ``with`` block."""
    base, stop = start_server(directory)
    try:
        yield base
    finally:
        stop()


@contextmanager
def chromium(sync_api: Any) -> Iterator[Any]:
    """A headless Debian chromium driven by Playwright, closed on exit."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
