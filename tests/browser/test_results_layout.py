"""Issue 16, item 5: results that fit a person. The results page (and the shared page) open
with the answer and what to do first, Save near the top, then details under headings that fold
(native <details>: they work with JavaScript off and print open); no layout table holds the
page; on a phone the wizard's live panel never covers the field being typed (WCAG 2.2 SC
2.4.11, Focus Not Obscured)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_wizard import ORIGIN, TRACK_HTMX, _fill, _next

PHONE = {"width": 375, "height": 667}
WITH_IRA = [(slug, {"p0-year_end_balance": "94500"} if slug == "iras" else v) for slug, v in ORIGIN]

# The fields a step shows (hidden spouse or second-plan questions are not typed in).
FIELDS = """() => [...document.querySelectorAll(
    '#wizard-form input:not([type=hidden]), #wizard-form select, #wizard-form textarea')]
  .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
  .map((el) => el.id)"""

# Where the focused field is hidden by the panel: the overlap of their boxes, in CSS pixels,
# and whether the field is inside the screen at all.
OBSCURED = """(id) => {
  const field = document.getElementById(id).getBoundingClientRect();
  const covers = [...document.querySelectorAll('.panel-status, .comparison-panel')]
    .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
    .map((el) => el.getBoundingClientRect())
    .map((box) => Math.max(0, Math.min(field.bottom, box.bottom) - Math.max(field.top, box.top))
                * Math.max(0, Math.min(field.right, box.right) - Math.max(field.left, box.left)));
  return {overlap: Math.max(0, ...covers), top: field.top, bottom: field.bottom,
          height: window.innerHeight, focused: document.activeElement.id === id};
}"""


def _typed(page: Page, field_id: str) -> None:
    """Type into the field the way a person would: keys, then back to what it held."""
    field = page.locator(f"#{field_id}")
    kind = field.evaluate("e => e.tagName + ':' + (e.type || '')")
    if kind in ("INPUT:text", "INPUT:number", "INPUT:email", "TEXTAREA:textarea"):
        before = field.input_value()
        page.keyboard.press("End")
        page.keyboard.type("7")
        page.wait_for_timeout(350)
        page.keyboard.press("Backspace")
        assert field.input_value() == before
    elif kind.startswith("SELECT"):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
    page.wait_for_timeout(350)


def test_the_live_panel_never_covers_the_field_being_typed_on_a_phone(
    live_server, page: Page
) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    # Scrolls land at once (Bootstrap scrolls smoothly otherwise), so the boxes are final.
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    covered: dict[str, dict] = {}
    checked = 0
    for slug, values in WITH_IRA:
        expect(page).to_have_url(base + f"/plan/{slug}/")
        _fill(page, values)
        page.evaluate("window.scrollTo(0, 0)")
        for field_id in page.evaluate(FIELDS):
            # Tab there as a keyboard user does, so the browser scrolls it into view itself.
            page.locator(f"#{field_id}").evaluate("e => e.blur()")
            page.evaluate("(id) => { const f = document.getElementById(id); f.focus(); }", field_id)
            for stage in ("focused", "typed"):
                if stage == "typed":
                    _typed(page, field_id)
                seen = page.evaluate(OBSCURED, field_id)
                checked += 1
                if (
                    not seen["focused"]
                    or seen["overlap"] > 0
                    or seen["top"] < 0
                    or seen["bottom"] > seen["height"]
                ):
                    covered[f"{slug} {field_id} {stage}"] = seen
        _next(page)
    assert checked > 20
    assert covered == {}
