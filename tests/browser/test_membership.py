"""A second employee joins an enterprise in the browser: signs up with the enterprise's credit code,
sees none of its negotiations while the request waits, the enterprise administrator approves it on
the members page, and the employee then sees the enterprise's negotiation. Screenshots of the
members page in zh_CN and en."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import screenshot
from tests.marketplace.conftest import session_cast  # noqa: F401
from tests.pricing.conftest import fresh_category, published_listing


@pytest.fixture()
def enterprise(app, session_cast):  # noqa: F811
    """A verified enterprise (made by the admin CLI's path) with one negotiation of its own."""
    with app.app_context():
        admin = factories.make_user("consumer", org_name="成都蓉城数据科技有限公司")
        factories.make_user("consumer", org=admin.organisation.code, email=f"analyst-{admin.id}@example.cn")
        listing, _ = published_listing(session_cast, category=fresh_category())
        token = factories.token_for(admin)
        email, code = admin.email, admin.organisation.code
    opened = app.test_client().post(
        "/api/v1/negotiations",
        headers=factories.bearer(token),
        json={"listing_id": listing["id"], "message": "用于供应链金融风控", "amount": "3000.00"},
    )
    assert opened.status_code == 201, opened.json
    return {"admin": email, "code": code, "thread": opened.json["id"]}


def sign_in(page, base, email):
    page.goto(f"{base}/login?lang=zh_CN")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url
    return page


def test_second_employee_requests_membership_and_sees_negotiations_once_approved(live_server, new_page, enterprise):
    thread = enterprise["thread"]
    email = f"second-{enterprise['code'][-7:].lower()}@example.cn"

    # the second employee signs up with the enterprise's credit code
    employee = new_page()
    employee.goto(f"{live_server}/signup?lang=zh_CN")
    employee.fill("input[name=enterprise_name]", "成都蓉城数据科技有限公司")
    employee.fill("input[name=credit_code]", enterprise["code"])
    employee.fill("input[name=display_name]", "李工程师")
    employee.fill("input[name=email]", email)
    employee.fill("input[name=password]", factories.PASSWORD)
    employee.fill("input[name=confirm]", factories.PASSWORD)
    with employee.expect_navigation():
        employee.click("main form button[type=submit]")
    assert employee.url.endswith("/signup/sent")
    expect(employee.locator("[data-signup=sent]")).to_be_visible()

    # signed in, the request waits: none of the enterprise's negotiations, and the thread is a 404
    sign_in(employee, live_server, email)
    employee.goto(f"{live_server}/account")
    expect(employee.locator("[data-membership-status=pending]")).to_be_visible()
    employee.goto(f"{live_server}/negotiations")
    expect(employee.locator(f'tr[data-thread="{thread}"]')).to_have_count(0)
    assert employee.goto(f"{live_server}/negotiations/{thread}").status == 404

    # the enterprise administrator finds the request on the members page
    admin = sign_in(new_page(), live_server, enterprise["admin"])
    admin.goto(f"{live_server}/account/members?lang=zh_CN")
    request_row = admin.locator('tr[data-status="pending"]', has_text=email)
    expect(request_row).to_be_visible()
    expect(admin.locator("h1")).to_contain_text("成员")
    screenshot(admin, "members-zh_CN")
    admin.goto(f"{live_server}/account/members?lang=en")
    expect(admin.locator("#requests-title")).to_contain_text("Membership requests")
    screenshot(admin, "members-en")
    admin.goto(f"{live_server}/account/members?lang=zh_CN")
    with admin.expect_navigation():
        admin.locator('tr[data-status="pending"]', has_text=email).locator("button[name=approve]").click()
    expect(admin.locator(".flash-success")).to_be_visible()
    expect(admin.locator('tr[data-status="active"]', has_text=email)).to_be_visible()

    # the employee now sees the enterprise's negotiation
    employee.goto(f"{live_server}/negotiations")
    expect(employee.locator(f'tr[data-thread="{thread}"]')).to_have_count(1)
    assert employee.goto(f"{live_server}/negotiations/{thread}").status == 200
    expect(employee.locator("[data-thread-id]")).to_have_attribute("data-thread-id", str(thread))


def test_new_enterprise_is_verified_by_an_operator_in_the_browser(live_server, new_page, app):
    with app.app_context():
        operator_email = factories.make_user("operator").email
        code = factories.valid_credit_code()
    email = f"founder-{code[-7:].lower()}@example.cn"

    founder = new_page()
    founder.goto(f"{live_server}/signup?lang=zh_CN")
    for name, value in (
        ("enterprise_name", "成都初创数据有限公司"),
        ("credit_code", code),
        ("display_name", "周创始人"),
        ("email", email),
        ("password", factories.PASSWORD),
        ("confirm", factories.PASSWORD),
    ):
        founder.fill(f"input[name={name}]", value)
    with founder.expect_navigation():
        founder.click("main form button[type=submit]")
    sign_in(founder, live_server, email)
    founder.goto(f"{live_server}/account/verification")
    expect(founder.locator("[data-verification=unverified]")).to_be_visible()
    founder.fill("input[name=legal_representative]", "周创始人")
    founder.fill("input[name=registered_address]", "成都市武侯区人民南路四段11号")
    founder.fill("input[name=registered_capital]", "100万元人民币")
    with founder.expect_navigation():
        founder.click("main form button[type=submit]")
    expect(founder.locator("[data-verification=pending]")).to_be_visible()
    screenshot(founder, "verification-enterprise-zh_CN")

    operator = sign_in(new_page(), live_server, operator_email)
    operator.goto(f"{live_server}/verifications?lang=en")
    row = operator.locator("tr[data-verification]", has_text=code)
    expect(row).to_be_visible()
    with operator.expect_navigation():
        row.locator("a >> nth=0").click()
    screenshot(operator, "verification-review-en")
    with operator.expect_navigation():
        operator.click("button[value=approve]")
    expect(operator.locator(".flash-success")).to_be_visible()

    founder.goto(f"{live_server}/account/verification?lang=zh_CN")
    expect(founder.locator("[data-verification=verified]")).to_be_visible()
