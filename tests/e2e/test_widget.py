"""The web widget in a real browser (Debian's Chromium, driven by Playwright) against the running servers.

Screenshots are kept in reports/screenshots/ as test artefacts.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "reports" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make browser` (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, assistant):
    # The demo page sends a strict Content-Security-Policy; the tests bypass it so that they prove the widget
    # itself never renders HTML (a site embedding the widget may have no CSP at all).
    context = browser.new_context(viewport={"width": 1000, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/widget/")
    yield page
    context.close()


def log(page):
    return page.locator(".mb-log")


def say(page, text):
    before = page.locator(".mb-bot").count()
    page.fill("#mb-input", text)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.mb-bot').length > {before}")
    expect(page.locator(".mb-typing")).to_be_hidden()


def click(page, name):
    """Click the newest button with this name and wait for the answer."""
    before = page.locator(".mb-bot").count()
    page.get_by_role("button", name=name).last.click()
    page.wait_for_function(f"document.querySelectorAll('.mb-bot').length > {before}")
    expect(page.locator(".mb-typing")).to_be_hidden()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_greeting_concern_follow_up_and_support(page):
    expect(log(page)).to_contain_text("automated assistant")
    say(page, "I'm a physio and honestly we've got nowhere to send people who are struggling with their mood")
    if page.get_by_role("button", name="Local knowledge").count():
        page.get_by_role("button", name="Local knowledge").last.click()
    click(page, "Examples from services")
    if "Which would you like" in log(page).locator(".mb-bot").last.inner_text():
        click(page, page.locator(".mb-bot").last.locator(".mb-choice").first.inner_text())
    expect(log(page).locator(".mb-bot").last).not_to_be_empty()
    say(page, "any pain groups in Wolverhampton?")
    expect(log(page)).to_contain_text("Connect Wolverhampton")
    shot(page, "conversation")


def test_a_patient_types_their_way_from_first_message_to_dated_local_services(page):
    """Typing only, as a patient would on a phone: the concern, "yes", a town, "any"."""
    page.set_viewport_size({"width": 390, "height": 844})
    say(page, "my back has been bad for 3 years and I feel like nobody takes me seriously, the GP just says it's stress")
    if "which best describes you" in log(page).locator(".mb-bot").last.inner_text():
        say(page, "I'm a patient")
    say(page, "yes")
    expect(log(page).locator(".mb-bot").last).to_contain_text("Where would you like support")
    say(page, "Wolverhampton")
    expect(log(page).locator(".mb-bot").last).to_contain_text("What kind of support")
    say(page, "any")
    expect(log(page)).to_contain_text("Connect Wolverhampton")
    expect(log(page)).to_contain_text("Last checked")
    email = log(page).get_by_role("link", name="jo@samaritans.org").last
    assert email.get_attribute("href") == "mailto:jo@samaritans.org"
    shot(page, "patient-journey-typed")


def stored(page, key="conversation"):
    return page.evaluate(f"(JSON.parse(localStorage.getItem('mindbody-widget')) || {{}})['{key}']")


def test_the_conversation_survives_a_reload(page):
    say(page, "what are the service principles?")
    conversation = stored(page)
    assert conversation and "." in conversation, "the id is the one the server signed"
    page.reload()
    expect(log(page)).to_contain_text("Cultivate enabling relationships")
    assert stored(page) == conversation
    say(page, "any examples?")
    expect(log(page).locator(".mb-bot").last).not_to_be_empty()


def test_html_in_messages_is_never_run(page):
    page.evaluate("window.__xss = 0")
    say(page, '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>')
    assert page.evaluate("window.__xss") == 0
    assert page.locator(".mb-log img, .mb-log script").count() == 0
    expect(log(page)).to_contain_text("<img src=x")  # shown as text


def test_links_are_safe(page):
    say(page, "what are the service principles?")
    link = page.locator(".mb-log a").first
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    assert link.get_attribute("href").startswith("https://")


def test_keyboard_only(page):
    page.locator("#mb-input").focus()
    page.keyboard.type("hello")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.mb-bot').length > 1")
    choice = page.locator(".mb-choice").last
    choice.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".mb-user").last).to_contain_text(choice.inner_text())


def test_accessible_structure(page):
    expect(page.locator("[role=log][aria-live=polite]")).to_have_count(1)
    expect(page.get_by_label("Your message")).to_be_visible()
    assert page.locator(".mb-choice").evaluate_all("els => els.every(e => e.tagName === 'BUTTON')")


def test_axe_finds_no_serious_or_critical_violations(page):
    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    say(page, "any examples?")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    bad = [(v["id"], v["impact"]) for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_usable_at_320px_and_200_percent_zoom(browser, assistant):
    for name, viewport, scale in (("narrow", {"width": 320, "height": 640}, 1), ("zoom", {"width": 640, "height": 450}, 2)):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{assistant.rasa_url}/webhooks/widget/")
        expect(log(page)).to_contain_text("automated assistant")
        width = page.evaluate("document.querySelector('.mb-panel').getBoundingClientRect().width")
        assert width <= viewport["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        expect(page.get_by_label("Your message")).to_be_visible()
        shot(page, f"widget-{name}")
        context.close()


def test_the_demo_page_sends_a_strict_content_security_policy(assistant):
    import requests

    headers = requests.get(f"{assistant.rasa_url}/webhooks/widget/", timeout=10).headers
    for directive in ("default-src 'self'", "base-uri 'none'", "form-action 'none'"):
        assert directive in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_widget_works_under_the_strict_policy(browser, assistant):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{assistant.rasa_url}/webhooks/widget/")
    expect(log(page)).to_contain_text("automated assistant")
    page.fill("#mb-input", "what are the service principles?")  # no say(): the policy forbids its page script
    page.keyboard.press("Enter")
    expect(log(page)).to_contain_text("Cultivate enabling relationships")
    context.close()


def test_clear_chat_forgets_the_conversation_in_this_browser(page):
    say(page, "what are the service principles?")
    before = stored(page)
    page.get_by_role("button", name="Clear chat").click()
    expect(log(page)).not_to_contain_text("Cultivate enabling relationships")
    expect(log(page)).to_contain_text("automated assistant")
    assert stored(page) != before
    assert "Cultivate" not in page.evaluate("localStorage.getItem('mindbody-widget')")


def test_the_transcript_is_forgotten_a_day_after_the_last_message(page):
    say(page, "what are the service principles?")
    page.evaluate("""() => {
        const kept = JSON.parse(localStorage.getItem('mindbody-widget'));
        kept.savedAt = Date.now() - 24.5 * 3600 * 1000;
        localStorage.setItem('mindbody-widget', JSON.stringify(kept));
    }""")
    before = stored(page)
    page.reload()
    expect(log(page)).to_contain_text("automated assistant")
    expect(log(page)).not_to_contain_text("Cultivate enabling relationships")
    assert stored(page) != before


def test_how_long_the_transcript_is_kept_is_configurable(browser, assistant):
    """A site can keep nothing: data-keep-hours="0"."""
    base = f"{assistant.rasa_url}/webhooks/widget/"
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.route(
        f"{base}keep-nothing",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<!doctype html><html lang="en"><title>t</title><body>'
            '<script src="widget.js" data-open="true" data-keep-hours="0"></script>',
        ),
    )
    page.goto(f"{base}keep-nothing")
    say(page, "what are the service principles?")
    assert page.evaluate("localStorage.getItem('mindbody-widget')") is None
    context.close()


def test_delete_conversation_deletes_it_on_the_server_and_here(page):
    say(page, "what are the service principles?")
    conversation = stored(page)
    with page.expect_response(lambda r: r.url.endswith("/forget")) as forgotten:
        page.get_by_role("button", name="Delete conversation").click()
    assert forgotten.value.status == 200
    assert forgotten.value.request.post_data_json == {"conversation": conversation}
    expect(log(page)).to_contain_text("has been deleted")
    expect(log(page)).not_to_contain_text("Cultivate enabling relationships")
    expect(log(page)).to_contain_text("automated assistant")
    assert stored(page) != conversation


def test_text_typed_like_a_command_is_read_as_text(page):
    say(page, "/greet@1.0 I want to end my life")
    expect(log(page)).to_contain_text("116 123")
