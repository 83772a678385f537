"""Demo money: negotiations agreed on a priced listing (so invoices), paid by bank transfer (a
statement with exact, partial and unidentified lines) and by card, as real users would make them.
Skipped when there are invoices already. (Here in pricing, above finance: it negotiates.)"""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from accounts import services as accounts
from core.extensions import db
from finance import periods
from finance.models import Invoice
from finance.services import payments, statements
from marketplace.models import Demand, Listing
from marketplace.services import listings
from pricing.services import negotiation


def _agree(consumer, operator, listing_id: int, opening: str, counter: str) -> Invoice:
    """The consumer opens at one price, the operator counters, the consumer accepts the counter."""
    thread = negotiation.open_thread(
        consumer, {"listing_id": listing_id, "message": "希望采购年度数据包,请报价。", "amount": opening}
    )
    offer = negotiation.make_offer(operator, thread.id, {"amount": counter, "message": "按指导价九五折。"})
    negotiation.accept(consumer, thread.id, {"offer_id": offer.id})
    db.session.refresh(thread)
    return thread.invoice


def seed_finance() -> int:
    consumer = accounts.user_by_email("consumer@demo.cn")
    other = accounts.user_by_email("consumer2@demo.cn")
    operator = accounts.user_by_email("operator@demo.cn")
    finance = accounts.user_by_email("finance@demo.cn")
    demand = db.session.scalar(select(Demand).where(Demand.title == "小微企业信用画像"))
    if None in (consumer, other, operator, finance, demand) or db.session.scalar(
        select(func.count()).select_from(Invoice)
    ):
        return 0
    listing = db.session.scalar(select(Listing).where(Listing.title_zh == "企业信用画像年度数据包"))
    if listing is None:
        listing = listings.create_listing(
            operator,
            {
                "title_zh": "企业信用画像年度数据包",
                "title_en": "Enterprise credit profile, annual package",
                "description_zh": "企业登记与经营异常数据的年度使用许可,在隐私计算环境中使用。",
                "description_en": "A year's licence to registration and abnormal-operation data, used in-platform.",
                "delivery_modes": ["usable_invisible", "in_platform"],
                "pricing_basis": "per_product",
                "guide_price": "48000.00",
                "price_cap": "60000.00",
                "categories": ["SCJGJ-001", "SCJGJ-006"],
                "demands": [demand.id],
            },
        )
        listings.publish(operator, listing.id)
    paid_by_bank = _agree(consumer, operator, listing.id, "42000.00", "45600.00")
    part_paid = _agree(other, operator, listing.id, "40000.00", "44000.00")
    paid_by_card = _agree(other, operator, listing.id, "30000.00", "31800.00")
    still_open = _agree(consumer, operator, listing.id, "20000.00", "21200.00")
    today = periods.today()
    rows = [
        ("交易日期", "交易金额", "对方户名", "对方账号", "附言"),
        (
            today.isoformat(),
            f"{paid_by_bank.total}",
            paid_by_bank.buyer_name,
            "6222021001122334455",
            f"{paid_by_bank.number} 数据服务费",
        ),
        (
            today.isoformat(),
            f"{Decimal(part_paid.total) / 2:.2f}",
            part_paid.buyer_name,
            "6222021009988776655",
            f"{part_paid.number} 首期款",
        ),
        ((today - timedelta(days=1)).isoformat(), "3600.00", "成都某某商贸有限公司", "6228480012345678", "往来款"),
    ]
    raw = ("\r\n".join(",".join(r) for r in rows) + "\r\n").encode("gbk")
    statements.import_statement(finance, "对账单-演示.csv", raw)
    payments.receive(
        "stripe",
        Decimal(paid_by_card.total),
        today,
        "pi_demo_" + paid_by_card.number.replace("-", ""),
        invoice=paid_by_card,
        fee=(Decimal(paid_by_card.total) * Decimal("0.006")).quantize(Decimal("0.01")),
        actor=finance,
    )
    db.session.flush()
    return 4 if still_open else 3
