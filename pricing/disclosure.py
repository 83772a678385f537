"""Price disclosure (价格公示): every published listing with its cap and the prices actually agreed —
count, minimum, median, maximum per listing and month — as the national rules on authorised operation
require operators to publish. Public: a page, CSV (Excel-ready) and the API."""

from collections import defaultdict
from decimal import Decimal
from statistics import median

from flask import Blueprint, jsonify, render_template, request
from sqlalchemy import select

from core import openapi
from core.csvexport import csv_response
from core.extensions import db
from core.money import quantize, to_api
from core.paging import list_body
from core.timeutil import to_display
from marketplace.models import Agreement, Listing

bp = Blueprint("disclosure", __name__, template_folder="templates")


def disclosure_rows(period: str = "month") -> list[dict]:
    listings = db.session.scalars(select(Listing).where(Listing.status == "published").order_by(Listing.id)).all()
    agreed = db.session.execute(
        select(Agreement.listing_id, Agreement.price, Agreement.created_at, Agreement.public_interest).where(
            Agreement.listing_id.in_([x.id for x in listings])
        )
    ).all()
    prices: dict[tuple[int, str], list[Decimal]] = defaultdict(list)
    free: dict[tuple[int, str], int] = defaultdict(int)
    for listing_id, price, created_at, public_interest in agreed:
        local = to_display(created_at)
        key = (listing_id, local.strftime("%Y-%m") if period == "month" else local.strftime("%Y"))
        if public_interest:
            free[key] += 1
        else:
            prices[key].append(Decimal(price))
    rows = []
    for listing in listings:
        periods = sorted({p for (lid, p) in set(prices) | set(free) if lid == listing.id}, reverse=True) or [None]
        for p in periods:
            values = sorted(prices.get((listing.id, p), []))
            rows.append(
                {
                    "listing_id": listing.id,
                    "title_zh": listing.title_zh,
                    "title_en": listing.title_en,
                    "pricing_basis": listing.pricing_basis,
                    "guide_price": to_api(listing.guide_price),
                    "price_cap": to_api(listing.price_cap),
                    "period": p,
                    "agreed_count": len(values),
                    "public_interest_count": free.get((listing.id, p), 0),
                    "min": to_api(values[0]) if values else None,
                    "median": to_api(quantize(median(values))) if values else None,
                    "max": to_api(values[-1]) if values else None,
                }
            )
    return rows


openapi.operation(
    "get",
    "/api/v1/price-disclosure",
    "Published listings with caps and agreed prices (count, min, median, max per listing and month)",
    tag="pricing",
    errors=(),
    response=openapi.page_of(
        openapi.schema(
            "PriceDisclosure",
            openapi.obj(
                listing_id={"type": "integer"},
                title_zh={"type": "string"},
                title_en=openapi.nullable({"type": "string"}),
                pricing_basis=openapi.nullable({"type": "string"}),
                guide_price=openapi.MONEY_OUT,
                price_cap=openapi.MONEY_OUT,
                period=openapi.nullable({"type": "string"}),
                agreed_count={"type": "integer", "minimum": 0},
                public_interest_count={"type": "integer", "minimum": 0},
                min=openapi.nullable(openapi.MONEY_OUT),
                median=openapi.nullable(openapi.MONEY_OUT),
                max=openapi.nullable(openapi.MONEY_OUT),
            ),
        )
    ),
)


@bp.get("/api/v1/price-disclosure")
def disclosure_api():
    rows = disclosure_rows()
    return jsonify(list_body(rows, len(rows)))


@bp.get("/prices")
def disclosure_page():
    return render_template("pricing/disclosure.html", rows=disclosure_rows())


@bp.get("/prices.csv")
def disclosure_csv():
    english = request.args.get("lang") == "en"
    rows = [
        [
            "listing",
            "title",
            "pricing basis",
            "guide price (CNY)",
            "cap (CNY)",
            "period",
            "agreed",
            "public-interest (free)",
            "min (CNY)",
            "median (CNY)",
            "max (CNY)",
        ]
        if english
        else [
            "产品编号",
            "数据产品",
            "计费方式",
            "指导价(元)",
            "上限收费标准(元)",
            "期间",
            "成交笔数",
            "公益免费笔数",
            "最低价(元)",
            "中位价(元)",
            "最高价(元)",
        ]
    ]
    for r in disclosure_rows():
        rows.append(
            [
                r["listing_id"],
                r["title_en"] if english and r["title_en"] else r["title_zh"],
                r["pricing_basis"],
                r["guide_price"],
                r["price_cap"],
                r["period"] or "",
                r["agreed_count"],
                r["public_interest_count"],
                r["min"] or "",
                r["median"] or "",
                r["max"] or "",
            ]
        )
    return csv_response(rows, "price-disclosure.csv")
