"""The board: demands (需求), demand lists (需求清单), authorisations (授权), listings (data products)
and three-party agreements (三方协议)."""

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.timeutil import utcnow

MONEY = Numeric(14, 2)
DELIVERY_MODES = ("usable_invisible", "in_platform", "controlled_export")  # 可用不可见 / 可用不出网 / 受控出网
PRICING_BASES = ("per_product", "per_call", "per_month", "per_volume")

demand_categories = Table(
    "demand_categories",
    db.metadata,
    Column("demand_id", ForeignKey("demands.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id"), primary_key=True),
)
listing_categories = Table(
    "listing_categories",
    db.metadata,
    Column("listing_id", ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id"), primary_key=True),
)
listing_demands = Table(
    "listing_demands",
    db.metadata,
    Column("listing_id", ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True),
    Column("demand_id", ForeignKey("demands.id"), primary_key=True),
)
authorisation_categories = Table(
    "authorisation_categories",
    db.metadata,
    Column("authorisation_id", ForeignKey("authorisations.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("categories.id"), primary_key=True),
)
agreement_authorisations = Table(
    "agreement_authorisations",
    db.metadata,
    Column("agreement_id", ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
    Column("authorisation_id", ForeignKey("authorisations.id"), primary_key=True),
)


class Demand(db.Model):
    __tablename__ = "demands"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    scenario: Mapped[str] = mapped_column(Text, nullable=False)  # 应用场景
    purpose: Mapped[str] = mapped_column(Text, nullable=False)
    budget_min = mapped_column(MONEY)
    budget_max = mapped_column(MONEY)
    public_interest: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # as claimed
    contact_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    contact_phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    contact_email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    show_enterprise: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[str] = mapped_column(String(30), nullable=False, default="submitted", index=True)
    status_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")  # rejection / clarification
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at = mapped_column(DateTime, nullable=False, default=utcnow)

    organisation = relationship("Organisation", lazy="joined")
    created_by = relationship("User")
    categories = relationship("Category", secondary=demand_categories, order_by="Category.code")
    endorsements = relationship("DemandEndorsement", back_populates="demand", cascade="all, delete-orphan")
    comments = relationship(
        "DemandComment", back_populates="demand", order_by="DemandComment.id", cascade="all, delete-orphan"
    )
    list_item = relationship("DemandListItem", back_populates="demand", uselist=False)
    listings = relationship("Listing", secondary=listing_demands, back_populates="demands")


class DemandEndorsement(db.Model):
    """Another enterprise saying "we need this too"."""

    __tablename__ = "demand_endorsements"
    __table_args__ = (UniqueConstraint("demand_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), nullable=False)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    demand = relationship(Demand, back_populates="endorsements")


class DemandComment(db.Model):
    __tablename__ = "demand_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    demand = relationship(Demand, back_populates="comments")
    user = relationship("User", lazy="joined")


class DemandList(db.Model):
    """需求清单: the operator collects accepted demands and submits them to the coordinator."""

    __tablename__ = "demand_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    submitted_at = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    items = relationship("DemandListItem", back_populates="demand_list", order_by="DemandListItem.id")


class DemandListItem(db.Model):
    __tablename__ = "demand_list_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demand_list_id: Mapped[int] = mapped_column(ForeignKey("demand_lists.id"), nullable=False, index=True)
    demand_id: Mapped[int] = mapped_column(ForeignKey("demands.id"), nullable=False, unique=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    public_interest_confirmed: Mapped[bool | None] = mapped_column(Boolean)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at = mapped_column(DateTime)

    demand_list = relationship(DemandList, back_populates="items")
    demand = relationship(Demand, back_populates="list_item", lazy="joined")
    authorisations = relationship("Authorisation", back_populates="item", order_by="Authorisation.id")


class StandingAuthorisation(db.Model):
    """A department's once-for-all authorisation of an unconditionally open category to the platform."""

    __tablename__ = "standing_authorisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), nullable=False, unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), nullable=False, index=True)
    purpose: Mapped[str] = mapped_column(Text, nullable=False)
    delivery_modes = mapped_column(JSON, nullable=False, default=list)
    expires_on = mapped_column(Date, nullable=False)
    security_measures: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    revoked_at = mapped_column(DateTime)

    category = relationship("Category", lazy="joined")


class Authorisation(db.Model):
    """One authorisation request per providing department and approved demand (授权确认)."""

    __tablename__ = "authorisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("demand_list_items.id"), nullable=False, index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending", index=True)
    purpose: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delivery_modes = mapped_column(JSON, nullable=False, default=list)
    expires_on = mapped_column(Date)
    security_measures: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")  # refusal or termination
    standing_id: Mapped[int | None] = mapped_column(ForeignKey("standing_authorisations.id"))
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at = mapped_column(DateTime)
    ended_at = mapped_column(DateTime)

    item = relationship(DemandListItem, back_populates="authorisations")
    department = relationship("Department", lazy="joined")
    categories = relationship("Category", secondary=authorisation_categories, order_by="Category.code")


class Listing(db.Model):
    """A data product the operator offers, built on authorised categories."""

    __tablename__ = "listings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    description_zh: Mapped[str] = mapped_column(Text, nullable=False, default="")
    description_en: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delivery_modes = mapped_column(JSON, nullable=False, default=list)
    pricing_basis: Mapped[str] = mapped_column(String(20), nullable=False, default="per_product")
    guide_price = mapped_column(MONEY, nullable=False)
    price_cap = mapped_column(MONEY, nullable=False)
    # [{"min_quantity": 1000, "unit_price": "0.50"}, ...] ascending
    volume_tiers = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at = mapped_column(DateTime, nullable=False, default=utcnow)
    published_at = mapped_column(DateTime)

    categories = relationship("Category", secondary=listing_categories, order_by="Category.code")
    demands = relationship(Demand, secondary=listing_demands, back_populates="listings")


class Agreement(db.Model):
    """三方协议: department(s), operator and enterprise; in force once all have signed."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), nullable=False, unique=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), nullable=False, index=True)
    demand_id: Mapped[int | None] = mapped_column(ForeignKey("demands.id"), index=True)
    # the negotiation that reached it (none for one the operator drafted): at most one per thread
    thread_id: Mapped[int | None] = mapped_column(Integer)
    consumer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    purpose: Mapped[str] = mapped_column(Text, nullable=False)
    delivery_mode: Mapped[str] = mapped_column(String(30), nullable=False)
    term_start = mapped_column(Date, nullable=False)
    term_end = mapped_column(Date, nullable=False)
    price = mapped_column(MONEY, nullable=False)
    pricing_basis: Mapped[str] = mapped_column(String(20), nullable=False)
    public_interest: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    source_attribution_duty: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    usage_feedback_duty: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Delivery terms: a usage report is due every N days (from the term's start, then from the last
    # report); overdue feedback blocks new export requests unless the terms say otherwise; exports
    # approved by the department also wait for the operator when the terms say so.
    feedback_every_days: Mapped[int] = mapped_column(Integer, nullable=False, default=90, server_default="90")
    feedback_blocks_exports: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=True, server_default=sa_true()
    )
    export_operator_approval: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=sa_false()
    )
    security_measures: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # The listing and terms as agreed: later changes to the listing change nothing here.
    snapshot = mapped_column(JSON, nullable=False, default=dict)
    status: Mapped[str] = mapped_column(String(30), nullable=False, default="awaiting_signatures", index=True)
    end_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    ended_at = mapped_column(DateTime)

    listing = relationship(Listing, lazy="joined")
    demand = relationship(Demand)
    consumer = relationship("Organisation", foreign_keys=[consumer_id], lazy="joined")
    operator = relationship("Organisation", foreign_keys=[operator_id])
    authorisations = relationship(Authorisation, secondary=agreement_authorisations, order_by="Authorisation.id")
    signatures = relationship("AgreementSignature", back_populates="agreement", order_by="AgreementSignature.id")
    feedback = relationship("UsageFeedback", back_populates="agreement", order_by="UsageFeedback.id")

    __table_args__ = (Index("uq_agreements_thread_id", "thread_id", unique=True),)


class AgreementSignature(db.Model):
    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    party: Mapped[str] = mapped_column(String(20), nullable=False)  # department | operator | consumer
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    signed_at = mapped_column(DateTime, nullable=False, default=utcnow)
    client_addr: Mapped[str] = mapped_column(String(64), nullable=False, default="")

    agreement = relationship(Agreement, back_populates="signatures")
    organisation = relationship("Organisation", lazy="joined")
    user = relationship("User", lazy="joined")


class UsageFeedback(db.Model):
    """Step 5: the enterprise reports how it used the data (a duty of the agreement)."""

    __tablename__ = "usage_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    agreement = relationship(Agreement, back_populates="feedback")
