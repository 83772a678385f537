"""Demo data for the board: demands in every stage, a published listing, a signed agreement.
Made through the services, as real users would; skipped when the demo enterprise already posted."""

from datetime import date, timedelta

from sqlalchemy import func, select

from accounts import services as accounts
from core.extensions import db
from marketplace.models import Demand
from marketplace.services import agreements, authorisations, demands, listings, lists

TERMS = {
    "purpose": "企业信用核验与风险评估",
    "delivery_modes": ["usable_invisible", "in_platform", "controlled_export"],
    "security_measures": "隐私计算环境内使用;结果脱敏;全程访问留痕",
}


def seed_board() -> int:
    consumer = accounts.user_by_email("consumer@demo.cn")
    other = accounts.user_by_email("consumer2@demo.cn")
    operator = accounts.user_by_email("operator@demo.cn")
    coordinator = accounts.user_by_email("coordinator@demo.cn")
    steward = accounts.user_by_email("steward@demo.cn")
    if None in (consumer, other, operator, coordinator, steward):
        return 0
    if db.session.scalar(
        select(func.count()).select_from(Demand).where(Demand.organisation_id == consumer.organisation_id)
    ):
        return 0
    terms = dict(TERMS, expires_on=date.today() + timedelta(days=365))

    def post(user, title, scenario, purpose, codes, public=False, low="20000", high="80000"):
        return demands.post_demand(
            user,
            {
                "title": title,
                "scenario": scenario,
                "purpose": purpose,
                "categories": codes,
                "budget_min": low,
                "budget_max": high,
                "public_interest": public,
                "contact_name": user.display_name,
                "contact_email": user.email,
                "show_enterprise": True,
            },
        )

    # a demand that went all the way to a signed agreement
    credit = post(
        consumer,
        "小微企业信用画像",
        "为银行小微企业贷款提供企业登记、经营异常与纳税信用核验",
        "信贷风控(商业用途)",
        ["SCJGJ-001", "SCJGJ-006"],
    )
    # a public-interest demand, approved and authorised (free of charge)
    food = post(
        other,
        "食品安全风险地图(公益)",
        "面向市民公开的食品经营主体抽检结果地图",
        "公共服务(公益)",
        ["SCJGJ-009", "SCJGJ-011"],
        public=True,
        low="0",
        high="0",
    )
    # one waiting for the coordinator, one waiting for triage, one sent back for clarification
    review = post(
        consumer,
        "新能源汽车充电需求分析",
        "结合充电站分布与停车场泊位评估充电桩布点",
        "选址分析",
        ["JXJ-005", "JTYSJ-014"],
    )
    post(other, "景区客流预测", "节假日景区客流预测,辅助文旅企业排班", "经营决策", ["WGLJ-002"])
    unclear = post(consumer, "企业用电与经营景气指数", "用企业用电量推算行业景气度", "研究报告", ["JXJ-002"])

    for d in (credit, food, review):
        demands.accept_demand(operator, d.id)
    demands.ask_clarification(operator, unclear.id, "请说明用电数据的使用范围和是否对外发布。")
    open_list = lists.open_list()
    db.session.flush()
    lists.submit_list(operator, open_list.id)
    for d, public in ((credit, False), (food, True)):
        item = db.session.get(Demand, d.id).list_item
        lists.decide_item(
            coordinator, item.id, {"decision": "approve", "reason": "符合需求导向,同意申请", "public_interest": public}
        )
    for d in (credit, food):
        for a in db.session.get(Demand, d.id).list_item.authorisations:
            authorisations.grant(steward, a.id, terms)
    listing = listings.create_listing(
        operator,
        {
            "title_zh": "企业信用核验服务",
            "title_en": "Enterprise credit verification",
            "description_zh": "按统一社会信用代码核验企业登记状态与经营异常情况,结果在隐私计算环境中返回。",
            "description_en": "Verifies an enterprise's registration and abnormal-operation status by its credit code.",
            "delivery_modes": ["usable_invisible", "in_platform", "controlled_export"],
            "pricing_basis": "per_call",
            "guide_price": "0.80",
            "price_cap": "1.00",
            "volume_tiers": [
                {"min_quantity": 10000, "unit_price": "0.60"},
                {"min_quantity": 100000, "unit_price": "0.45"},
            ],
            "categories": ["SCJGJ-001", "SCJGJ-006"],
            "demands": [credit.id],
        },
    )
    listings.publish(operator, listing.id)
    agreement = agreements.create_agreement(
        operator,
        {"listing_id": listing.id, "demand_id": credit.id, "delivery_mode": "usable_invisible", "price": "0.75"},
    )
    for user in (steward, operator, consumer):
        agreements.sign(user, agreement.id)
    return 5
