"""Digitalization scale in a real browser: deep link to a tab, charts draw, a year move keeps the URL in step."""

from __future__ import annotations

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def test_scale_deep_link_ras_tab_and_year_move(server, page):
    page.goto(f"{server.url}/scale?tab=RAS+update&ras_prov=Zhejiang&year=2012")
    wait_for_app(page)
    wait_for_chart(page)
    assert page.title() == "Digitalization scale · Digital talent explorer"
    assert page.locator('[data-testid="stException"]').count() == 0
    # the heat map of the change in A is drawn in the RAS tab
    assert page.get_by_text("Change in direct coefficients A").count() >= 1 or \
        page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert page.get_by_text("Iterations").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "scale-ras-tab.png"), full_page=True)

    # move the year slider one step right: 2012 -> 2013 (a RAS-updated year), the URL follows
    slider = page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('year=2013')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("RAS-updated from 2012").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "scale-2013.png"), full_page=True)


def test_scale_tab_switch_and_ras_slider_rerun_only_their_section(server, page):
    """The year section and the RAS panel are fragments: a tab click or a RAS slider move reruns only them."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    deltas: list = []

    def record(ws) -> None:
        def received(payload) -> None:
            if isinstance(payload, (bytes, bytearray)):
                msg = ForwardMsg()
                msg.ParseFromString(bytes(payload))
                if msg.WhichOneof("type") == "delta":
                    deltas.append(msg.delta)
        ws.on("framereceived", received)

    page.on("websocket", record)
    page.goto(f"{server.url}/scale?year=2013")
    wait_for_app(page)
    wait_for_chart(page)
    deltas.clear()
    page.get_by_role("tab", name="RAS update").click()
    page.wait_for_function("() => location.search.includes('tab=RAS')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("Iterations").count() >= 1
    assert "year=2013" in page.url
    assert deltas and all(d.fragment_id for d in deltas)  # the title, controls and sidebar were not re-sent

    deltas.clear()
    tolerance = page.locator('[data-testid="stSlider"]').nth(1).get_by_role("slider")
    tolerance.focus()
    tolerance.press("ArrowRight")  # 1e-10 -> 1e-12
    page.wait_for_function("() => location.search.includes('ras_tol=')", timeout=30_000)
    wait_for_app(page)
    assert deltas and all(d.fragment_id for d in deltas)
    assert page.get_by_text("Iterations").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
