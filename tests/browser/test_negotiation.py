"""A price negotiation in two browsers: the enterprise opens it from the listing with a first offer,
the operator counters, the enterprise counters again, the operator accepts. Each side sees the
other's offer appear without reloading (the page polls the API); both then see the agreement and
the invoice link, and the invoice opens as a printable document. Screenshots in zh_CN and en."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import screenshot
from tests.marketplace.conftest import session_cast  # noqa: F401
from tests.pricing.conftest import published_listing

WAIT = 10_000  # ms: several polling rounds


@pytest.fixture()
def people(app):
    with app.app_context():
        made = {"consumer": factories.make_user("consumer"), "operator": factories.make_user("operator")}
        return {role: u.email for role, u in made.items()}


def sign_in(new_page, base, email):
    page = new_page()
    page.goto(f"{base}/login?lang=zh_CN")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url
    return page


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)
    assert page.locator(".flash-error").count() == 0, page.locator(".flash-error").all_inner_texts()


def offer(page, amount, note):
    page.fill("input[name='offer-amount']", amount)
    page.fill("textarea[name='offer-message']", note)
    submit(page, "button[name=offer]")


def test_three_rounds_in_two_browsers(live_server, new_page, people, session_cast):  # noqa: F811
    listing, _demand = published_listing(session_cast, category="SCJGJ-025", cap="5000.00", guide="4000.00")
    enterprise = sign_in(new_page, live_server, people["consumer"])
    operator = sign_in(new_page, live_server, people["operator"])

    # round 1: the enterprise opens the negotiation from the public listing, with a first offer
    enterprise.goto(f"{live_server}/listings/{listing['id']}")
    with enterprise.expect_navigation():
        enterprise.click("#negotiate")
    enterprise.fill("textarea[name=message]", "我们用于小微企业信贷风控,希望以3000元成交。")
    enterprise.fill("input[name=amount]", "3000.00")
    submit(enterprise, "button[name=open]")
    thread_id = enterprise.locator("[data-thread-id]").get_attribute("data-thread-id")
    assert re.fullmatch(r"\d+", thread_id)
    expect(enterprise.locator("li.offer-card")).to_have_count(1)
    expect(enterprise.locator("#accept-form")).to_be_hidden()  # one's own offer is not accepted by oneself
    enterprise.evaluate("window.__stayed = true")

    # the operator finds it waiting for a reply in the queue
    operator.goto(f"{live_server}/negotiations?filter=waiting")
    with operator.expect_navigation():
        operator.click(f'tr[data-thread="{thread_id}"] a >> nth=0')
    expect(operator.locator("#standing-offer .standing-amount")).to_have_text("¥3,000.00")
    expect(operator.locator("#accept-form")).to_be_visible()

    # round 2: the operator counters; the enterprise's page shows it without reloading
    operator.fill("textarea[name='msg-body']", "该数据加工成本较高。")
    submit(operator, "button[name=send]")
    offer(operator, "4200.00", "建议4200元,含12个月服务。")
    operator.evaluate("window.__stayed = true")
    expect(enterprise.locator("li.offer-card")).to_have_count(2, timeout=WAIT)
    expect(enterprise.locator("#standing-offer .standing-amount")).to_have_text("¥4,200.00")
    expect(enterprise.locator("li.message.side-operator")).to_have_count(1)
    expect(enterprise.locator("#accept-form")).to_be_visible()
    assert enterprise.evaluate("window.__stayed === true")

    # round 3: the enterprise counters; the operator's page shows it without reloading
    offer(enterprise, "3710.00", "折中3710元。")
    expect(operator.locator("li.offer-card")).to_have_count(3, timeout=WAIT)
    expect(operator.locator("#standing-offer .standing-amount")).to_have_text("¥3,710.00")
    expect(operator.locator('li.offer-card[data-status="superseded"]')).to_have_count(2)
    expect(operator.locator("#accept-form")).to_be_visible()
    assert operator.evaluate("window.__stayed === true")
    screenshot(operator, "negotiation-zh_CN")

    # the operator accepts: agreement and invoice; the enterprise sees it without reloading
    enterprise.evaluate("window.__stayed = true")
    submit(operator, "button[name=accept]")
    expect(operator.locator("#agreed-box")).to_be_visible()
    expect(enterprise.locator("#agreed-box")).to_be_visible(timeout=WAIT)
    expect(enterprise.locator("#invoice-link")).to_have_attribute("href", re.compile(r"/invoices/INV-\d{4}-\d{6}$"))
    expect(enterprise.locator("#agreement-link")).to_have_attribute("href", re.compile(r"/agreements/\d+$"))
    expect(enterprise.locator(".thread-actions")).to_be_hidden()
    assert enterprise.evaluate("window.__stayed === true")
    number = operator.locator("#invoice-link").get_attribute("href").rsplit("/", 1)[1]

    enterprise.goto(f"{live_server}/negotiations/{thread_id}?lang=en")
    expect(enterprise.locator("#agreed-box")).to_contain_text("Agreed")
    screenshot(enterprise, "negotiation-en")

    # the invoice, as a printable document
    with enterprise.expect_navigation():
        enterprise.click("#invoice-link")
    expect(enterprise.locator("#invoice-number")).to_have_text(number)
    expect(enterprise.locator("#invoice-total")).to_have_text("¥3,710.00")
    expect(enterprise.locator("#invoice-net")).to_have_text("¥3,500.00")
    expect(enterprise.locator("#invoice-vat")).to_have_text("¥210.00")
    expect(enterprise.locator("#pdf-link")).to_have_attribute("href", f"/invoices/{number}.pdf")
    screenshot(enterprise, "invoice-en")
    enterprise.goto(f"{live_server}/invoices/{number}?lang=zh_CN")
    expect(enterprise.locator(".invoice-lines")).to_contain_text("价税合计")
    screenshot(enterprise, "invoice-zh_CN")
    assert enterprise.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
