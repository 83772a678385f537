"""Finance in a real browser: a bank statement uploaded through the form matches three lines by the
invoice number in the remark (one paid in full, one in part, one overpaid) and leaves one for the
matching queue, where it is matched by typing the invoice number; October's state-capital income is
remitted and October is closed; a later statement with a line dated in October lands in November as
an adjustment, and October's figures stay as they were. Screenshots of the month report in zh_CN and
en (laptop, full page; the phone layout is checked to fit), of the statement and of the queue.

Closing a month locks it for every later posting, so this module runs on books of its own: a second
live server over a fresh database, whose invoices are issued on 9 October 2026."""

import csv
import io
import re
import threading
from datetime import datetime

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from core.extensions import db
from finance.services import invoices
from tests.browser.conftest import VIEWPORTS, screenshot
from tests.factories import PASSWORD, make_user
from tests.finance.conftest import open_books

ISSUED = datetime(2026, 10, 9, 2, 0)  # naive UTC, as stored: 10:00 on 9 October in Shanghai


@pytest.fixture(scope="module")
def books(database_url, workdir, app):
    """Fresh books: four invoices issued in October to two enterprises, and a finance user."""
    with open_books(database_url, workdir, "fin_browser") as opened:
        with opened.app.app_context(), pytest.MonkeyPatch.context() as patch:
            patch.setattr(invoices, "utcnow", lambda: ISSUED)
            yuntu = opened.buyer("成都云图数据有限公司")
            jincheng = opened.buyer("成都锦城征信有限公司")
            opened.numbers = {
                "full": opened.invoice(yuntu, "10600.00", categories=("SCJGJ-001", "GJJZX-001")),
                "part": opened.invoice(yuntu, "5300.00", categories=("SCJGJ-002",)),
                "over": opened.invoice(jincheng, "2120.00", categories=("GJJZX-002",)),
                "queue": opened.invoice(jincheng, "999.99", categories=("SCJGJ-003",)),
            }
            opened.email = make_user("finance", email="zhang.min@cdbdg.example.cn").email
            db.session.commit()
        yield opened


def serve(application):
    """An app on a port of its own, for as long as the generator is held."""
    httpd = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(books):
    """The books' app on a port of its own."""
    yield from serve(books.app)


@pytest.fixture(scope="module")
def large_books(database_url, workdir, app):
    """Books of their own for the half-million-line upload: its lines, all unmatched, would otherwise
    fill the matching queue the journey test reads, whichever order the two run in."""
    with open_books(database_url, workdir, "fin_browser_large") as opened:
        with opened.app.app_context():
            opened.email = make_user("finance", email="wang.li@cdbdg.example.cn").email
            db.session.commit()
        yield opened


@pytest.fixture(scope="module")
def large_server(large_books):
    yield from serve(large_books.app)


def statement_file(tmp_path, name, rows):
    """A statement as the bank exports it: GBK, a debit/credit column pair, the remark last."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["交易日期", "借方发生额", "贷方发生额", "对方户名", "对方账号", "附言"])
    writer.writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode("gbk"))
    return path


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)
    assert page.locator(".flash-error").count() == 0, page.locator(".flash-error").all_inner_texts()


def figure(page, key):
    return page.locator(f'#figures [data-figure="{key}"]')


def upload(page, base, path):
    page.goto(f"{base}/finance/statements")
    page.set_input_files("#statement-upload input[type=file]", str(path))
    submit(page, "#statement-upload button[type=submit]")
    # the import runs as a job: its page shows a progress bar and goes to the statement when done
    page.wait_for_url(re.compile(r"/finance/statements/\d+$"), timeout=60_000)
    assert page.locator(".flash-error").count() == 0


def test_upload_match_remit_close_and_adjust(server, books, new_page, tmp_path):
    n = books.numbers
    page = new_page()
    page.goto(f"{server}/login?lang=zh_CN")
    page.fill("input[name=email]", books.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url
    expect(page.locator(".nav-finance")).to_be_visible()

    # the October statement: three lines name their invoice in the remark, one names none
    october = statement_file(
        tmp_path,
        "工行对账单-202610.csv",
        [
            ("2026-10-12", "", "10,600.00", "成都云图数据有限公司", "6222 0244 0200 1001", f"数据服务费 {n['full']}"),
            ("2026-10-15", "", "2,000.00", "成都云图数据有限公司", "6222 0244 0200 1001", f"{n['part']} 首付款"),
            ("2026-10-20", "", "2,200.00", "成都锦城征信有限公司", "6217 0038 1000 2002", f"付{n['over']}"),
            ("2026-10-28", "", "999.99", "锦城征信财务部", "6217 0038 1000 2003", "货款"),
        ],
    )
    upload(page, server, october)
    expect(page.locator(".flash-success")).to_contain_text("4")
    summary = page.locator("#statement-summary")
    for status, count, amount in (
        ("matched", "1", "¥10,600.00"),
        ("partial", "1", "¥2,000.00"),
        ("over", "1", "¥2,200.00"),
        ("unmatched", "1", "¥999.99"),
    ):
        kpi = summary.locator(f'[data-status="{status}"]')
        expect(kpi.locator("strong")).to_have_text(count)
        expect(kpi.locator("small")).to_have_text(amount)
    lines = page.locator("#lines tbody tr")
    expect(lines).to_have_count(4)
    expect(lines.nth(0)).to_have_attribute("data-status", "matched")
    expect(lines.nth(0)).to_contain_text(n["full"])
    expect(lines.nth(1)).to_have_attribute("data-status", "partial")
    expect(lines.nth(1)).to_contain_text(n["part"])
    expect(lines.nth(2)).to_have_attribute("data-status", "over")
    expect(lines.nth(2)).to_contain_text("¥80.00")  # the overpayment, kept as the enterprise's credit
    expect(lines.nth(3)).to_have_attribute("data-status", "unmatched")
    screenshot(page, "finance-statement-zh_CN")

    # the queue: the line without an invoice number is matched by typing one
    with page.expect_navigation():
        lines.nth(3).locator("a[href$='/finance/queue']").click()
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("锦城征信财务部")
    expect(rows.first).to_contain_text("¥999.99")
    screenshot(page, "finance-queue-zh_CN")
    rows.first.locator("input[name$='invoice_number']").fill(n["queue"])
    submit(page, "#queue tbody tr button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text(n["queue"])
    expect(page.locator("#queue")).to_have_count(0)

    # October before the transfer: 4 invoices, all money applied, the VAT-excluded part is the base
    page.goto(f"{server}/finance/months/2026-10")
    expect(figure(page, "invoices_issued")).to_have_text("4")
    expect(figure(page, "invoiced_total")).to_have_text("¥19,019.99")
    expect(figure(page, "net_revenue")).to_have_text("¥17,943.39")
    expect(figure(page, "received_bank")).to_have_text("¥15,799.99")
    expect(figure(page, "applied_to_invoices")).to_have_text("¥15,719.99")
    expect(figure(page, "customer_credit_added")).to_have_text("¥80.00")
    expect(figure(page, "unidentified_receipts")).to_have_text("¥0.00")
    # net received: 10,000.00 + 1,886.79 (2,000 of 5,300) + 2,000.00 + 943.39; × 30 %
    expect(page.locator('#remittance [data-figure="remittance_base_amount"]')).to_have_text("¥14,830.18")
    expect(page.locator('.fin-kpis [data-figure="remittance_due"]')).to_have_text("¥4,449.05")
    expect(page.locator('.fin-kpis [data-figure="remittance_difference"]')).to_have_text("¥4,449.05")
    expect(page.locator(".badge.period-open")).to_be_visible()

    # the transfer to the treasury, against October
    page.goto(f"{server}/finance/remittances")
    form = page.locator("#remittance-form")
    form.locator("input[name=month]").fill("2026-10")
    form.locator("input[name=amount]").fill("4449.05")
    form.locator("input[name=paid_on]").fill("2026-11-10")
    form.locator("input[name=reference]").fill("GK-2026-10-001")
    form.locator("textarea[name=note]").fill("2026年10月国有资本收益")
    submit(page, "#remittance-form button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("¥4,449.05")
    october_row = page.locator("#remittance-status tbody tr", has=page.locator("a", has_text="2026-10"))
    expect(october_row.locator("td.num")).to_have_text(["¥4,449.05", "¥4,449.05", "¥0.00"])
    expect(october_row).not_to_have_class(re.compile("unsettled"))
    expect(page.locator("#remittances tbody tr")).to_contain_text(["GK-2026-10-001"])
    screenshot(page, "finance-remittances-zh_CN")

    # closing October: the button asks first
    page.goto(f"{server}/finance/months/2026-10")
    expect(page.locator('.fin-kpis [data-figure="remittance_difference"]')).to_have_text("¥0.00")
    asked = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    submit(page, "#close-month button[type=submit]")
    assert asked and "2026-10" in asked[0], asked
    expect(page.locator(".flash-success")).to_contain_text("2026-10")
    expect(page.locator("h1 .badge.period-closed")).to_have_text("已结账")
    expect(page.locator("#close-month")).to_have_count(0)
    expect(figure(page, "received_bank")).to_have_text("¥15,799.99")
    page.reload()  # the flash gone: the report as anyone opening it later sees it
    screenshot(page, "finance-month-zh_CN")

    with page.expect_navigation():
        page.click(".lang-switch a[lang=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1 .badge.period-closed")).to_have_text("Closed")
    expect(page.locator("#remittance-basis")).to_contain_text("30%")
    expect(figure(page, "net_revenue")).to_have_text("¥17,943.39")
    screenshot(page, "finance-month-en")

    page.goto(f"{server}/finance/months/2026-10?lang=zh_CN")
    page.set_viewport_size(VIEWPORTS["phone"])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "finance-month-phone-zh_CN")
    page.set_viewport_size(VIEWPORTS["laptop"])

    # a later statement with a line dated in October: it lands in November as an adjustment
    late = statement_file(
        tmp_path,
        "工行对账单-202611.csv",
        [("2026-10-30", "", "1,000.00", "成都云图数据有限公司", "6222 0244 0200 1001", f"{n['part']} 第二笔")],
    )
    upload(page, server, late)
    expect(page.locator("#lines tbody tr")).to_have_count(1)
    expect(page.locator("#lines tbody tr").first).to_have_attribute("data-status", "partial")

    page.goto(f"{server}/finance/months/2026-11")
    expect(page.locator(".badge.period-open")).to_be_visible()
    adjustments = page.locator("#adjustments tbody tr")
    # the money itself, and the state-capital income it adds (30 % of 1,000.00 × 5,000/5,300)
    expect(adjustments).to_have_count(2)
    for row, kind, amount in zip(
        adjustments.all(), ("银行收款", "计提应上缴国有资本收益"), ("¥1,000.00", "¥283.02"), strict=True
    ):
        expect(row.locator("td").first).to_have_text("2026-10-30")
        expect(row).to_contain_text(kind)
        expect(row).to_contain_text("2026-10 已结账")
        expect(row.locator("td.num")).to_have_text(amount)
    expect(figure(page, "received_bank")).to_have_text("¥1,000.00")
    expect(figure(page, "invoices_issued")).to_have_text("0")
    # 2,300.00 of the part-paid invoice is still owed, and overdue since 8 November
    expect(figure(page, "receivables_outstanding")).to_have_text("¥2,300.00")
    expect(page.locator("#aging tfoot")).to_contain_text("¥2,300.00")
    screenshot(page, "finance-month-adjustment-zh_CN")

    # October, closed, did not move
    page.goto(f"{server}/finance/months/2026-10")
    expect(figure(page, "received_bank")).to_have_text("¥15,799.99")
    expect(figure(page, "receivables_outstanding")).to_have_text("¥3,300.00")
    expect(page.locator("#adjustments")).to_have_count(0)

    # the payments, with the overpayment kept as the enterprise's credit; November's journal
    page.goto(f"{server}/finance/payments?channel=bank")
    expect(page.locator("#payments tbody tr")).to_have_count(5)
    credit = page.locator("#credits tbody tr")
    expect(credit).to_have_count(1)
    expect(credit.first).to_contain_text("成都锦城征信有限公司")
    expect(credit.first.locator("td.num")).to_have_text("¥80.00")
    screenshot(page, "finance-payments-zh_CN")
    page.goto(f"{server}/finance/journal?month=2026-11")
    expect(page.locator("#journal tbody.entry.adjustment")).to_have_count(2)
    receipt = page.locator("#journal tbody.entry.adjustment", has_text="银行收款")
    expect(receipt.locator("tr:not(.entry-head) td.account")).to_have_text(["1002 银行存款", "1122 应收账款"])
    expect(receipt.locator("tr:not(.entry-head) td.num")).to_have_text(["¥1,000.00", "", "", "¥1,000.00"])
    screenshot(page, "finance-journal-zh_CN")


def test_a_large_upload_shows_a_progress_bar_that_advances_without_a_reload(
    large_server, large_books, new_page, tmp_path
):
    """500,000 lines: the upload answers at once with the job's page, whose bar moves as the job
    reports progress (the page itself is not reloaded meanwhile), then the statement is shown. The
    page asks every 0.5 s; the statement is big enough that the import takes several of those (at
    150,000 lines it was done in about a second once the lines were staged in their index's order)."""
    from bench.reconciliation import statement_bytes

    raw, _mix = statement_bytes([], 500_000)
    path = tmp_path / "large.csv"
    path.write_bytes(raw)
    page = new_page()
    page.goto(f"{large_server}/login?lang=zh_CN")
    page.fill("input[name=email]", large_books.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.goto(f"{large_server}/finance/statements")
    page.set_input_files("#statement-upload input[type=file]", str(path))
    submit(page, "#statement-upload button[type=submit]")
    assert re.search(r"/finance/statements/jobs/\d+$", page.url), page.url
    page.evaluate("window.__samePage = true")  # gone if the page were reloaded
    seen, shot = [], False
    while re.search(r"/finance/statements/jobs/\d+$", page.url):
        try:
            value = page.evaluate("window.__samePage && Number(document.querySelector('#job-bar').value)")
        except Exception:  # the page navigated away while being asked
            break
        if value is None:
            break
        if value and (not seen or value > seen[-1]):
            seen.append(value)
            if not shot and 0.3 < value < 0.8:
                screenshot(page, "finance-import-progress-zh_CN")
                shot = True
        page.wait_for_timeout(100)
    page.wait_for_url(re.compile(r"/finance/statements/\d+$"), timeout=120_000)
    assert len([v for v in seen if 0 < v < 1]) >= 2, seen
    expect(page.locator(".flash-success")).to_be_visible()
