"""Digitalization scale in a real browser: deep link to a tab, charts draw, a year move keeps the URL in step."""

from __future__ import annotations

from tests.browser.conftest import ARTIFACTS, wait_for_app, wait_for_chart


def test_scale_deep_link_ras_tab_and_year_move(server, page):
    page.goto(f"{server.url}/scale?scale_tab=ras&scale_ras_prov=Zhejiang&scale_year=2012")
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
    page.wait_for_function("() => location.search.includes('scale_year=2013')", timeout=30_000)
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
    page.goto(f"{server.url}/scale?scale_year=2013")
    wait_for_app(page)
    wait_for_chart(page)
    deltas.clear()
    page.get_by_role("tab", name="RAS update").click()
    page.wait_for_function("() => location.search.includes('scale_tab=ras')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("Iterations").count() >= 1
    assert "scale_year=2013" in page.url
    assert deltas and all(d.fragment_id for d in deltas)  # the title, controls and sidebar were not re-sent

    deltas.clear()
    tolerance = page.locator('[data-testid="stSlider"]').nth(1).get_by_role("slider")
    tolerance.focus()
    tolerance.press("ArrowRight")  # 1e-10 -> 1e-12
    page.wait_for_function("() => location.search.includes('scale_ras_tol=')", timeout=30_000)
    wait_for_app(page)
    assert deltas and all(d.fragment_id for d in deltas)
    assert page.get_by_text("Iterations").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_scale_in_chinese_keeps_codes_in_the_link_and_leaks_nothing(server, page):
    """Chinese mode: a tab click and a preset choice write codes into the URL (not the shown words); the
    regression page opened from the sidebar gets none of this page's parameters."""
    page.goto(f"{server.url}/scale?lang=zh")
    wait_for_app(page)
    wait_for_chart(page)
    page.get_by_role("tab", name="RAS 更新").click()
    page.wait_for_function("() => location.search.includes('scale_tab=ras')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("迭代次数").count() >= 1
    assert "%E6%9B%B4" not in page.url  # no Chinese words in the link
    page.screenshot(path=str(ARTIFACTS / "scale-zh-ras.png"), full_page=True)
    page.goto(f"{server.url}/regression?lang=zh")
    wait_for_app(page)
    assert "scale_" not in page.url and "tab=" not in page.url.replace("reg_tab", "")
    assert page.locator('[data-testid="stException"]').count() == 0
