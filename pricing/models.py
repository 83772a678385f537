"""Negotiation threads (offers and messages). Invoices are finance's (finance.models.Invoice)."""

from sqlalchemy import DateTime, ForeignKey, Index, Integer, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.timeutil import utcnow

MONEY = Numeric(14, 2)
SIDES = ("consumer", "operator")


class Thread(db.Model):
    """One negotiation between the operator and an enterprise about a listing (市场化协商)."""

    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"), nullable=False, index=True)
    demand_id: Mapped[int | None] = mapped_column(ForeignKey("demands.id"))
    consumer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    delivery_mode: Mapped[str] = mapped_column(String(30), nullable=False)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"), unique=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), unique=True)
    close_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    updated_at = mapped_column(DateTime, nullable=False, default=utcnow)
    closed_at = mapped_column(DateTime)

    listing = relationship("Listing", lazy="joined")
    demand = relationship("Demand")
    consumer = relationship("Organisation", lazy="joined")
    offers = relationship("Offer", back_populates="thread", order_by="Offer.id")
    messages = relationship("Message", back_populates="thread", order_by="Message.id")
    agreement = relationship("Agreement")
    invoice = relationship("Invoice", foreign_keys=[invoice_id])


class Offer(db.Model):
    """A priced proposal; making it is its maker's acceptance. Never edited: only superseded,
    withdrawn, expired or accepted."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), nullable=False, index=True)
    side: Mapped[str] = mapped_column(String(10), nullable=False)
    made_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    amount = mapped_column(MONEY, nullable=False)  # VAT-inclusive total (价税合计), CNY
    pricing_basis: Mapped[str] = mapped_column(String(20), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    term_months: Mapped[int] = mapped_column(Integer, nullable=False, default=12)
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    valid_until = mapped_column(DateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="standing")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    thread = relationship(Thread, back_populates="offers")
    made_by = relationship("User")

    # at most one standing offer per thread, whatever the code does (migration 0005)
    __table_args__ = (
        Index(
            "uq_offers_standing_thread",
            "thread_id",
            unique=True,
            sqlite_where=text("status = 'standing'"),
            postgresql_where=text("status = 'standing'"),
        ),
    )


class Message(db.Model):
    __tablename__ = "thread_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), nullable=False, index=True)
    side: Mapped[str] = mapped_column(String(10), nullable=False)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    thread = relationship(Thread, back_populates="messages")
    author = relationship("User", lazy="joined")
