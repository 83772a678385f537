"""The data workspace in the browser: the enterprise runs a grouped query and sees the table and the
chart, a refused query shows its rule, the steward approves an export and the enterprise downloads
it. Screenshots: the workspace in zh_CN, en and on a phone; the steward's pages."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import screenshot
from tests.delivery.conftest import ROWS, active_agreement
from tests.marketplace.conftest import _make_cast

GROUPED = "SELECT reg_status, COUNT(*) AS n FROM SCJGJ_001 GROUP BY reg_status ORDER BY n DESC"


@pytest.fixture(scope="module")
def setting(app):
    from catalog.models import Category
    from core.extensions import db
    from delivery.services import versions

    with app.app_context():
        category = db.session.query(Category).filter_by(code="SCJGJ-001").one()
        if versions.latest(category.id) is None:
            versions.generate_version(category, ROWS, seed=7)
        cast = _make_cast(app.test_client())
    return {
        "cast": cast,
        "invisible": active_agreement(cast),
        "export": active_agreement(cast, mode="controlled_export"),
    }


def _signed_in(base, new_page, email, viewport="laptop", lang="zh_CN"):
    page = new_page(viewport)
    page.goto(f"{base}/login?lang={lang}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", factories.PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url
    return page


def _run(page, sql, button="button[name=run]"):
    page.fill("textarea#sql", sql)
    with page.expect_navigation():
        page.click(button)


def test_the_enterprise_queries_and_exports_and_the_steward_approves(live_server, new_page, setting, tmp_path):
    cast = setting["cast"]
    page = _signed_in(live_server, new_page, cast.consumer.email)
    page.goto(f"{live_server}/agreements/{setting['invisible']}/workspace")
    expect(page.locator("#datasets")).to_contain_text("SCJGJ_001")
    _run(page, GROUPED)
    expect(page.locator("#result table")).to_contain_text("存续")
    expect(page.locator("#result svg.chart")).to_be_visible()
    screenshot(page, "workspace-zh_CN")
    _run(page, "SELECT * FROM SCJGJ_001")
    expect(page.locator("#refusal")).to_contain_text("SELECT *")
    screenshot(page, "workspace-refused-zh_CN")

    page.goto(f"{live_server}/agreements/{setting['invisible']}/workspace?lang=en")
    _run(page, GROUPED)
    expect(page.locator("#result svg.chart")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Data workspace")
    screenshot(page, "workspace-en")
    page.goto(f"{live_server}/agreements/{setting['invisible']}/workspace?lang=zh_CN")

    page.goto(f"{live_server}/agreements/{setting['export']}/workspace")
    page.fill("#exports textarea[name=sql]", "SELECT ent_type, reg_capital, est_date FROM SCJGJ_001 LIMIT 200")
    page.fill("#exports input[name=purpose]", "信用模型训练")
    with page.expect_navigation():
        page.click("#exports button[type=submit]")
    expect(page.locator("#exports [data-status=requested]")).to_have_count(1)

    steward = _signed_in(live_server, new_page, cast.steward.email)
    steward.goto(f"{live_server}/delivery/exports")
    request = steward.locator(".export-request").filter(has_text="信用模型训练").first
    expect(request).to_be_visible()
    screenshot(steward, "steward-export-approvals-zh_CN")
    with steward.expect_navigation():
        request.locator("button[name=approve][value='1']").click()
    steward.goto(f"{live_server}/delivery/categories/SCJGJ-001/policies")
    expect(steward.locator("#policy-form")).to_contain_text("uscc")
    screenshot(steward, "steward-column-policies-zh_CN")
    steward.goto(f"{live_server}/delivery/usage")
    expect(steward.locator("svg.chart")).to_be_visible()
    screenshot(steward, "steward-usage-zh_CN")

    page.goto(f"{live_server}/agreements/{setting['export']}/workspace")
    link = page.locator("#exports a.export-download")
    for _attempt in range(120):  # the file is made by a background job: reload until it is ready
        if link.count():
            break
        page.wait_for_timeout(500)
        page.reload()
    with page.expect_download() as download:
        page.locator("#exports a.export-download").first.click()
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8-sig").startswith("ent_type,reg_capital,est_date")


def test_the_workspace_fits_a_phone(live_server, new_page, setting):
    page = _signed_in(live_server, new_page, setting["cast"].consumer.email, viewport="phone")
    page.goto(f"{live_server}/agreements/{setting['invisible']}/workspace")
    _run(page, GROUPED)
    expect(page.locator("#result svg.chart")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "workspace-zh_CN-phone")
