"""The demand board's whole journey in a real browser, one signed-in person per browser context:
an enterprise requests data from the catalog → the operator accepts it into a demand list and
submits the list → the coordinator approves → the department's steward grants → the operator
publishes a listing for the demand and drafts the agreement → department, operator and enterprise
sign → the steward terminates and the agreement shows as terminated. Every step is checked on the
demand's timeline and in the inbox of whoever acts next; screenshots in zh_CN and en."""

import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import screenshot


def assert_fits(page):
    """Nothing sticks out sideways: the page is as wide as the screen."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture()
def people(app):
    """Four people of the journey, made through the services: e-mail and organisation name."""
    with app.app_context():
        made = {
            "consumer": factories.make_user("consumer"),
            "operator": factories.make_user("operator"),
            "coordinator": factories.make_user("coordinator"),
            "steward": factories.make_user("steward", org="SCJGJ"),
        }
        return {role: {"email": u.email, "org": u.organisation.name_zh} for role, u in made.items()}


@pytest.fixture()
def category(app):
    """SCJGJ-011, or one like it that no valid authorisation covers yet: the journey's termination must
    leave its listing uncovered (tests run in any order, and the demo or other tests may have granted it)."""
    from sqlalchemy import select

    from catalog.models import Category
    from core.extensions import db
    from marketplace.services.authorisations import valid_cover

    with app.app_context():
        model = db.session.scalar(select(Category).where(Category.code == "SCJGJ-011"))
        alike = db.session.scalars(
            select(Category)
            .where(
                Category.code.like("SCJGJ-%"),
                Category.grade == model.grade,
                Category.openness == model.openness,
            )
            .order_by(Category.code != "SCJGJ-011", Category.code)
        )
        code = next(c.code for c in alike if valid_cover(c) is None)
        db.session.remove()
        return code


class Journey:
    """Signs people in (each in its own browser context) and reads the timeline and inboxes."""

    def __init__(self, base, new_page, people):
        self.base, self.new_page, self.people, self.pages = base, new_page, people, {}

    def as_(self, role):
        if role not in self.pages:
            page = self.new_page()
            page.goto(f"{self.base}/login?lang=zh_CN")
            page.fill("input[name=email]", self.people[role]["email"])
            page.fill("input[name=password]", factories.PASSWORD)
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            assert "/login" not in page.url
            self.pages[role] = page
        return self.pages[role]

    def go(self, role, path):
        page = self.as_(role)
        page.goto(self.base + path)
        return page

    def submit(self, page, selector):
        with page.expect_navigation():
            page.click(selector)
        assert page.locator(".flash-error").count() == 0, page.locator(".flash-error").all_inner_texts()

    def in_inbox(self, role, kind, link):
        page = self.go(role, "/inbox")
        task = page.locator(f'li.task[data-kind="{kind}"] a[href="{link}"]')
        expect(task).to_have_count(1)
        expect(page.locator(".nav-inbox .count-badge")).to_be_visible()
        return page

    def timeline(self, demand_id, step, *actions, role="consumer", current=True):
        page = self.go(role, f"/demands/{demand_id}")
        block = page.locator(f'.stepper .step[data-step="{step}"]')
        for action in actions:
            expect(block.locator(f'.event[data-action="{action}"]').first).to_be_visible()
        if current:
            expect(block).to_have_attribute("data-state", "current")
        return page


def test_demand_to_termination_in_the_browser(live_server, new_page, people, category):
    j = Journey(live_server, new_page, people)
    title = f"企业信用画像服务 {uuid.uuid4().hex[:6]}"

    # 1 demand collection: from the catalog's "request this data" to the demand form, prefilled
    page = j.go("consumer", f"/categories/{category}")
    with page.expect_navigation():
        page.click(f"a.button[href*='/demands/new?category={category}']")
    expect(page.locator("input[name=categories]")).to_have_value(category)
    expect(page.locator(".chosen-categories")).to_contain_text(category)
    page.fill("input[name=title]", title)
    page.fill("textarea[name=scenario]", "为小微企业贷款审批提供企业登记信息核验")
    page.fill("textarea[name=purpose]", "信贷风控")
    page.fill("input[name=budget_min]", "10000")
    page.fill("input[name=budget_max]", "50000")
    page.fill("input[name=contact_phone]", "028-88888888")
    page.check("input[name=show_enterprise]")
    j.submit(page, "form.form-grid button[type=submit]")
    assert "/demands/" in page.url
    demand_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    demand_path = f"/demands/{demand_id}"
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".page-head .badge.state-submitted")).to_be_visible()
    j.timeline(demand_id, "collection", "demand.submitted")
    # the public board shows it to anyone
    anonymous = new_page()
    anonymous.goto(f"{live_server}/board")
    expect(anonymous.locator(f'.demand-card[data-demand="{demand_id}"]')).to_be_visible()

    # 2 data application: the operator accepts it into the open list and submits the list
    page = j.in_inbox("operator", "demand.triage", demand_path)
    page.click(f'li.task a[href="{demand_path}"]')
    page.wait_for_url(f"**{demand_path}")
    j.submit(page, "button[name=accept]")
    expect(page.locator(".page-head .badge.state-accepted")).to_be_visible()
    list_link = page.locator("a[href^='/demand-lists/']").first.get_attribute("href")
    j.timeline(demand_id, "application", "demand.accepted")
    page = j.in_inbox("operator", "demand_list.submit", list_link)
    page = j.go("operator", list_link)
    expect(page.locator(f'.list-item[data-demand="{demand_id}"]')).to_be_visible()
    j.submit(page, "button[name=submit_list]")
    expect(page.locator(".page-head .badge.state-submitted")).to_be_visible()

    # the coordinator approves the item
    page = j.in_inbox("coordinator", "demand_list_item.decide", list_link)
    page = j.go("coordinator", list_link)
    item = page.locator(f'.list-item[data-demand="{demand_id}"]')
    item.locator("textarea").fill("符合需求导向，同意")
    j.submit(page, f'.list-item[data-demand="{demand_id}"] button[value=approve]')
    expect(page.locator(f'.list-item[data-demand="{demand_id}"] .badge.state-approved')).to_be_visible()
    j.timeline(demand_id, "application", "demand_list_item.approved", current=False)
    page = j.timeline(demand_id, "authorisation", "authorisation.requested")
    auth_path = page.locator("a[href^='/authorisations/']").first.get_attribute("href")

    # 3 authorisation: the steward of 市场监管局 sees it in its queue and grants it
    page = j.in_inbox("steward", "authorisation.decide", auth_path)
    page = j.go("steward", "/authorisations?lang=zh_CN")
    expect(page.locator(f'tr[data-authorisation="{auth_path.rsplit("/", 1)[1]}"]')).to_be_visible()
    screenshot(page, "steward-queue-zh_CN")
    page.goto(f"{live_server}/authorisations?lang=en")
    expect(page.locator("h1")).to_have_text("Authorisation requests")
    screenshot(page, "steward-queue-en")
    page = j.go("steward", f"{auth_path}?lang=zh_CN")
    expect(page.locator("input[name=grant-delivery_modes][value=usable_invisible]")).to_be_checked()
    expect(page.locator("textarea[name=grant-purpose]")).to_have_value("信贷风控")
    page.check("input[name=grant-delivery_modes][value=in_platform]")
    page.fill("input[name=grant-expires_on]", (date.today() + timedelta(days=365)).isoformat())
    page.fill("textarea[name=grant-security_measures]", "隐私计算环境内使用，结果脱敏，访问留痕")
    j.submit(page, "button[name=grant]")
    expect(page.locator(".page-head .badge.state-granted")).to_be_visible()
    j.timeline(demand_id, "authorisation", "authorisation.requested", "authorisation.granted")

    # the operator builds a listing for the demand and publishes it
    page = j.in_inbox("operator", "listing.create", demand_path)
    page = j.go("operator", demand_path)
    with page.expect_navigation():
        page.click(f"a[href='/listings/new?demand={demand_id}']")
    expect(page.locator("input[name=categories]")).to_have_value(category)
    expect(page.locator(f"input[name=demands][value='{demand_id}']")).to_be_checked()
    expect(page.locator("input[name=delivery_modes][value=in_platform]")).to_be_checked()
    page.fill("input[name=title_zh]", f"企业登记信息核验服务 {title.split()[-1]}")
    page.fill("input[name=title_en]", f"Enterprise registration verification {title.split()[-1]}")
    page.select_option("select[name=pricing_basis]", "per_call")
    page.fill("input[name=guide_price]", "0.80")
    page.fill("input[name=price_cap]", "1.00")
    page.fill("textarea[name=volume_tiers]", "10000 | 0.60")
    j.submit(page, "form.form-grid button[type=submit]")
    expect(page.locator(".page-head .badge.state-draft")).to_be_visible()
    j.submit(page, "button[name=publish]")
    expect(page.locator(".page-head .badge.state-published")).to_be_visible()
    expect(page.locator(f"a[href='{demand_path}']").first).to_be_visible()
    listing_path = page.url.replace(live_server, "").split("?")[0]
    page = j.timeline(demand_id, "delivery", "listing.published")
    expect(page.locator(f"a[href='{listing_path}']").first).to_be_visible()

    # 4 delivery: the operator drafts the agreement from the listing page
    page = j.go("operator", listing_path)
    with page.expect_navigation():
        page.click("a[href^='/agreements/new']")
    page.select_option("select[name=demand_id]", str(demand_id))
    page.select_option("select[name=delivery_mode]", "usable_invisible")
    page.fill("input[name=price]", "0.90")
    j.submit(page, "button[name=draft]")
    agreement_path = page.url.replace(live_server, "").split("?")[0]
    assert agreement_path.startswith("/agreements/")
    expect(page.locator(".doc-tools .badge.state-awaiting_signatures")).to_be_visible()
    j.timeline(demand_id, "delivery", "agreement.drafted")

    # all three parties sign, each from its own inbox, for its own organisation
    for role in ("steward", "operator", "consumer"):
        page = j.in_inbox(role, "agreement.sign", agreement_path)
        with page.expect_navigation():
            page.click(f'li.task a[href="{agreement_path}"]')
        button = page.locator("button[name=sign]")
        expect(button).to_contain_text(people[role]["org"])
        j.submit(page, "button[name=sign]")
        expect(page.locator("button[name=sign]")).to_have_count(0)
        expect(page.locator(".flash-success")).to_contain_text(people[role]["org"])
    expect(page.locator(".doc-tools .badge.state-active")).to_be_visible()
    signed = page.locator(".signatures tr.signed")
    expect(signed).to_have_count(3)
    expect(page.locator(".signatures")).to_contain_text(people["steward"]["email"])
    j.timeline(demand_id, "delivery", "agreement.drafted", "agreement.signed", "agreement.active")

    # 5 use: the enterprise uses the data and reports the use
    page = j.go("consumer", agreement_path)
    j.submit(page, "button[name=use]")
    expect(page.locator(".flash-success")).to_contain_text((date.today() + timedelta(days=365)).isoformat())
    page.fill("textarea[name=feedback-body]", "用于300笔小微贷款审批")
    j.submit(page, "#feedback button[type=submit]")
    expect(page.locator("#feedback")).to_contain_text("用于300笔小微贷款审批")
    j.timeline(demand_id, "use", "agreement.feedback")
    screenshot(j.go("consumer", f"{agreement_path}?lang=zh_CN"), "agreement-active-zh_CN")

    # the board, both languages: the demand beside the listing that serves it
    board = new_page()
    board.goto(f"{live_server}/board?lang=zh_CN")
    card = board.locator(f'.demand-card[data-demand="{demand_id}"]')
    expect(card).to_be_visible()
    expect(card.locator(f"a[href='{listing_path}']")).to_be_visible()
    listing_card = board.locator(f'.listing-card[data-listing="{listing_path.rsplit("/", 1)[1]}"]')
    expect(listing_card.locator(f"a[href='{demand_path}']")).to_be_visible()
    assert_fits(board)
    screenshot(board, "board-zh_CN")
    board.goto(f"{live_server}/board?lang=en")
    expect(board.locator("h1")).to_have_text("Demand board")
    assert_fits(board)
    screenshot(board, "board-en")

    # 6 termination: the steward terminates; the agreement ends with it
    page = j.go("steward", auth_path)
    page.fill("textarea[name=terminate-reason]", "发现超范围使用")
    j.submit(page, ".terminate-form button[type=submit]")
    expect(page.locator(".page-head .badge.state-terminated")).to_be_visible()
    page = j.go("consumer", agreement_path)
    expect(page.locator(".doc-tools .badge.state-terminated")).to_be_visible()
    expect(page.locator(".notice-box.bad")).to_contain_text("发现超范围使用")
    expect(page.locator("button[name=use]")).to_have_count(0)
    screenshot(page, "agreement-zh_CN")
    page.goto(f"{live_server}{agreement_path}?lang=en")
    expect(page.locator(".doc h1")).to_contain_text("Three-party agreement")
    screenshot(page, "agreement-en")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible() and not page.locator(".doc-tools").is_visible()
    assert page.locator(".doc").is_visible()
    page.emulate_media(media="screen")
    page.goto(f"{live_server}{agreement_path}?lang=zh_CN")

    page = j.timeline(demand_id, "termination", "authorisation.terminated", "agreement.terminated")
    for step in ("collection", "application", "authorisation", "delivery", "use"):
        expect(page.locator(f'.stepper .step[data-step="{step}"]')).to_have_attribute("data-state", "done")
    screenshot(page, "timeline-zh_CN")
    page.goto(f"{live_server}{demand_path}?lang=en")
    expect(page.locator(".timeline-card h2")).to_contain_text("six steps")
    screenshot(page, "timeline-en")
    page.goto(f"{live_server}{demand_path}?lang=zh_CN")

    # after termination the listing is suspended: no longer offered on the board
    board = new_page()
    board.goto(f"{live_server}/board?lang=zh_CN")
    expect(board.locator(f'.demand-card[data-demand="{demand_id}"]')).to_be_visible()
    expect(board.locator(f'.listing-card[data-listing="{listing_path.rsplit("/", 1)[1]}"]')).to_have_count(0)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_board_pages_fit_a_phone(live_server, new_page, people, lang):
    """At 390 px nothing sticks out sideways: the board, a demand, the steward's queue, the inbox."""
    anonymous = new_page("phone")
    anonymous.goto(f"{live_server}/board?lang={lang}")
    assert_fits(anonymous)
    screenshot(anonymous, f"board-{lang}-phone")
    first = anonymous.locator(".demand-card .card-title").first
    if first.count():
        first.click()
        anonymous.wait_for_load_state()
        expect(anonymous.locator(".stepper")).to_be_visible()
        assert_fits(anonymous)
        screenshot(anonymous, f"timeline-{lang}-phone")
    steward = new_page("phone")
    steward.goto(f"{live_server}/login?lang={lang}")
    steward.fill("input[name=email]", people["steward"]["email"])
    steward.fill("input[name=password]", factories.PASSWORD)
    with steward.expect_navigation():
        steward.click("main form button[type=submit]")
    for path in ("/authorisations", "/inbox", "/agreements", "/standing-authorisations"):
        steward.goto(live_server + path)
        assert_fits(steward)
    steward.goto(f"{live_server}/authorisations")
    screenshot(steward, f"steward-queue-{lang}-phone")
    steward.goto(f"{live_server}/agreements")
    agreement = steward.locator("tr[data-agreement] a").first
    if agreement.count():
        agreement.click()
        steward.wait_for_load_state()
        expect(steward.locator(".doc")).to_be_visible()
        assert_fits(steward)
        screenshot(steward, f"agreement-{lang}-phone")
