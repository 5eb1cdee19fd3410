"""Survive: two sessions stay apart; an oversized upload is refused in the browser with a message."""

from __future__ import annotations

import uuid

import pytest

from core import datasets
from tests.browser.conftest import ARTIFACTS, wait_for_app

UPLOADER = '[data-testid="stFileUploaderDropzoneInput"]'


def _template_csv() -> bytes:
    table = datasets.load_table1()
    rows = ["province,year,idt,gdp,pcw,del,estr,pdl,rd,urban,med,psl"]
    for i, row in enumerate(table.itertuples()):
        rows.append(f"{row.province},{row.year},{row.idt},{9 + i % 7 * 0.3:.3f},{10.5 + i % 5 * 0.2:.3f},"
                    f"{0.05 + i % 9 * 0.02:.3f},{0.4 + i % 6 * 0.03:.3f},{7.6 + i % 4 * 0.1:.3f},"
                    f"{0.005 + i % 8 * 0.002:.4f},{0.5 + i % 7 * 0.04:.3f},{3.8 + i % 5 * 0.1:.3f},"
                    f"{0.08 + i % 6 * 0.02:.3f}")
    return ("\n".join(rows) + "\n").encode()


def test_an_upload_in_one_session_never_appears_in_another(browser, server):
    name = f"iso-{uuid.uuid4().hex[:6]}.csv"
    first = browser.new_context(viewport={"width": 1400, "height": 900})
    second = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        a, b = first.new_page(), second.new_page()
        for page in (a, b):
            page.goto(f"{server.url}/regression?data=upload")
            wait_for_app(page)
        a.locator(UPLOADER).set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": _template_csv()}])
        wait_for_app(a)
        chip = a.locator('[data-testid="stFileChipName"]')
        chip.wait_for()
        assert name in chip.inner_text()
        b.reload()
        wait_for_app(b)
        assert name not in b.content()
        assert b.locator('[data-testid="stFileChipName"]').count() == 0
        assert a.locator('[data-testid="stException"]').count() == 0
        assert b.locator('[data-testid="stException"]').count() == 0
        a.screenshot(path=str(ARTIFACTS / "isolation-a.png"))
        b.screenshot(path=str(ARTIFACTS / "isolation-b.png"))
    finally:
        first.close()
        second.close()


@pytest.mark.slow
def test_a_50_mb_upload_is_refused_with_a_message(page, server, tmp_path):
    page.goto(f"{server.url}/regression?data=upload")
    wait_for_app(page)
    big = tmp_path / "huge.csv"
    big.write_bytes(b"province,year,idt\n" + b"Beijing,2011,1.0\n" * (50 * 1024 * 1024 // 17))
    page.locator(UPLOADER).set_input_files(str(big))
    page.get_by_text("File must be", exact=False).wait_for(timeout=30_000)
    assert "or smaller" in page.get_by_text("File must be", exact=False).inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "upload-50mb.png"))
