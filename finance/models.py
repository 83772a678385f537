"""Finance: the journal (the single source of money truth), the periods it is posted in, and the
sub-ledgers that explain it — payments and how they were applied, bank statements, Stripe's
checkout sessions and events, remittances of state-capital income, the permitted-revenue ceiling."""

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.timeutil import utcnow

MONEY = Numeric(14, 2)
BIGID = BigInteger().with_variant(Integer, "sqlite")
CHANNELS = ("bank", "stripe")


class Invoice(db.Model):
    """Issued on agreement (finance.services.invoices); numbered per year without gaps; never deleted
    (voided instead). What it still owes is total - paid (finance.money_rules.owed); paid and
    net_received change only through finance.money_rules.apply_payment."""

    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), nullable=False, unique=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, unique=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), nullable=False, index=True)
    buyer_name: Mapped[str] = mapped_column(String(200), nullable=False)
    buyer_credit_code: Mapped[str] = mapped_column(String(18), nullable=False)
    lines = mapped_column(JSON, nullable=False, default=list)
    net = mapped_column(MONEY, nullable=False)
    vat = mapped_column(MONEY, nullable=False)
    total = mapped_column(MONEY, nullable=False)
    vat_rate = mapped_column(Numeric(5, 4), nullable=False)
    paid = mapped_column(MONEY, nullable=False, default=0)
    # the VAT-excluded part of paid, as the remittance base counted it (see finance.services.payments)
    net_received = mapped_column(MONEY, nullable=False, default=0)
    issued_at = mapped_column(DateTime, nullable=False, default=utcnow)
    due_on = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="issued", index=True)
    void_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    voided_at = mapped_column(DateTime)

    seller = relationship("Organisation", foreign_keys=[seller_id])
    buyer = relationship("Organisation", foreign_keys=[buyer_id])
    agreement = relationship("Agreement")


class Period(db.Model):
    """An accounting month (Asia/Shanghai calendar), open until finance closes it. The remittance
    rate and base in force are fixed on the period when it is first posted into, so changing the
    configuration later never rewrites an earlier month."""

    __tablename__ = "finance_periods"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="open")
    remittance_rate = mapped_column(Numeric(6, 4), nullable=False)
    remittance_base: Mapped[str] = mapped_column(String(10), nullable=False)  # "net" | "gross"
    closed_at = mapped_column(DateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closing_figures = mapped_column(JSON)  # the month report's totals as they stood at closing


class LedgerAccount(db.Model):
    """The chart of accounts (会计科目): every journal line names one of these rows (a foreign key), so
    no line can be posted to an account that is not in the chart. Seeded by migration 0015; its
    labels in both languages are finance.ledger.CHART's, which a test holds equal to this table."""

    __tablename__ = "chart_of_accounts"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    number: Mapped[str] = mapped_column(String(20), nullable=False, unique=True)  # 企业会计准则 number
    name_zh: Mapped[str] = mapped_column(String(100), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # asset | liability | equity | revenue | expense


class JournalEntry(db.Model):
    """One balanced posting. Never edited: a correction is a new entry."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)  # where it is posted
    occurred_on = mapped_column(Date, nullable=False)  # the business date it records
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    memo: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Dated in a month already closed: posted into the next open month instead, and says so.
    is_adjustment: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source_type: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    source_id: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(Integer)

    lines = relationship("JournalLine", back_populates="entry", order_by="JournalLine.id")


class JournalLine(db.Model):
    __tablename__ = "journal_lines"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), nullable=False)
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    account: Mapped[str] = mapped_column(ForeignKey("chart_of_accounts.code"), nullable=False, index=True)
    debit = mapped_column(MONEY, nullable=False, default=0)
    credit = mapped_column(MONEY, nullable=False, default=0)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    channel: Mapped[str | None] = mapped_column(String(10))

    entry = relationship(JournalEntry, back_populates="lines")

    # What the database refuses whatever the code does (migration 0015): a negative amount, a line
    # with both sides or neither; an account outside the chart (the foreign key); and, on
    # PostgreSQL, an entry whose debits and credits differ when its transaction commits (a deferred
    # constraint trigger, which finds an entry's last line by this index).
    __table_args__ = (
        db.CheckConstraint("debit >= 0 AND credit >= 0", name="not_negative"),
        db.CheckConstraint("(debit > 0 AND credit = 0) OR (debit = 0 AND credit > 0)", name="one_sided"),
        db.Index("ix_journal_lines_entry_id_id", "entry_id", "id"),
    )


class Payment(db.Model):
    """Money received from a customer through one channel. What it paid is in its allocations;
    whatever it paid beyond its invoices is the customer's credit."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    reference: Mapped[str] = mapped_column(String(120), nullable=False)  # Stripe payment intent / bank line
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    amount = mapped_column(MONEY, nullable=False)
    applied = mapped_column(MONEY, nullable=False, default=0)
    credited = mapped_column(MONEY, nullable=False, default=0)  # overpayment kept as credit
    fee = mapped_column(MONEY, nullable=False, default=0)
    refunded = mapped_column(MONEY, nullable=False, default=0)
    credit_refunded = mapped_column(MONEY, nullable=False, default=0)  # part of refunded taken from credit
    received_on = mapped_column(Date, nullable=False)
    payer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    payer_account: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    matched_by: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    statement_line_id: Mapped[int | None] = mapped_column(BIGID)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    invoice = relationship("Invoice")
    organisation = relationship("Organisation")

    __table_args__ = (
        db.UniqueConstraint("channel", "reference"),
        # a bank line pays once (migration 0005); refunds never give back more than was paid
        db.Index("uq_payments_statement_line_id", "statement_line_id", unique=True),
        db.CheckConstraint("refunded >= 0 AND refunded <= amount", name="refunds_within_amount"),
        db.CheckConstraint(
            "credit_refunded >= 0 AND credit_refunded <= refunded AND credit_refunded <= credited",
            name="credit_refunds_within_credit",
        ),
    )


class Allocation(db.Model):
    """Money applied to (positive) or taken back from (negative, a refund) an invoice, with the
    VAT-excluded part that counts towards the month's remittance base."""

    __tablename__ = "allocations"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    payment_id: Mapped[int | None] = mapped_column(BIGID, ForeignKey("payments.id"), index=True)
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # payment | refund | credit
    amount = mapped_column(MONEY, nullable=False)
    net = mapped_column(MONEY, nullable=False)
    vat = mapped_column(MONEY, nullable=False)
    entry_id: Mapped[int | None] = mapped_column(BIGID, ForeignKey("journal_entries.id"))
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)


class Refund(db.Model):
    __tablename__ = "refunds"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    payment_id: Mapped[int] = mapped_column(BIGID, ForeignKey("payments.id"), nullable=False, index=True)
    reference: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    amount = mapped_column(MONEY, nullable=False)
    refunded_on = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(Integer)

    payment = relationship(Payment)


class BankStatement(db.Model):
    __tablename__ = "bank_statements"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    filename: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    encoding: Mapped[str] = mapped_column(String(20), nullable=False)
    line_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    new_lines: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    summary = mapped_column(JSON)  # counts and sums per outcome
    uploaded_by_id: Mapped[int | None] = mapped_column(Integer)
    uploaded_at = mapped_column(DateTime, nullable=False, default=utcnow)
    # "importing" while a job stages it (invisible, its lines out of the matching queue), then "imported"
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="imported", server_default="imported")
    job_id: Mapped[int | None] = mapped_column(Integer, index=True)


class StatementLine(db.Model):
    """One line of a bank statement. Its fingerprint (date, amount, payer account, remark and the
    how-manieth identical line it is) makes importing the same line twice a no-op."""

    __tablename__ = "statement_lines"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    statement_id: Mapped[int] = mapped_column(BIGID, ForeignKey("bank_statements.id"), nullable=False)
    line_no: Mapped[int] = mapped_column(Integer, nullable=False)
    fingerprint: Mapped[int] = mapped_column(BigInteger, nullable=False)
    booked_on = mapped_column(Date, nullable=False)
    amount = mapped_column(MONEY, nullable=False)  # positive: received; negative: paid out
    payer_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    payer_account: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    remark: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    invoice_ref: Mapped[str | None] = mapped_column(String(24))  # INV-… found in the remark
    # new → matched | partial | over | unmatched | outgoing
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="new")
    matched_by: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    applied = mapped_column(MONEY, nullable=False, default=0)
    credited = mapped_column(MONEY, nullable=False, default=0)
    period: Mapped[str | None] = mapped_column(String(7))
    matched_at = mapped_column(DateTime)
    matched_by_user_id: Mapped[int | None] = mapped_column(Integer)

    statement = relationship(BankStatement)
    invoice = relationship("Invoice")

    __table_args__ = (
        # the queue reads lines by status, the import a statement's lines by status
        db.Index("ix_statement_lines_status_statement", "status", "statement_id"),
        # the date first: a statement's lines go into a few dozen neighbourhoods of the index, not a
        # million random places, however many years of lines it holds
        db.UniqueConstraint("booked_on", "fingerprint", name="uq_statement_lines_booked_on"),
    )


class CheckoutSession(db.Model):
    """A Stripe Checkout Session created for an invoice (one per idempotency key)."""

    __tablename__ = "checkout_sessions"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    stripe_id: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    url: Mapped[str] = mapped_column(Text, nullable=False, default="")
    amount = mapped_column(MONEY, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open")
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(Integer)


class StripeEvent(db.Model):
    """Each Stripe event id once: re-deliveries find their row and change nothing."""

    __tablename__ = "stripe_events"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    type: Mapped[str] = mapped_column(String(80), nullable=False)
    created: Mapped[int] = mapped_column(BigInteger, nullable=False)
    object_id: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    received_at = mapped_column(DateTime, nullable=False, default=utcnow)


class Remittance(db.Model):
    """A transfer of state-capital income (上缴国有资本收益) to the treasury, for one month's due."""

    __tablename__ = "remittances"

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    for_period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    amount = mapped_column(MONEY, nullable=False)
    paid_on = mapped_column(Date, nullable=False)
    reference: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    entry_id: Mapped[int | None] = mapped_column(BIGID, ForeignKey("journal_entries.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(Integer)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)


class RevenueCeiling(db.Model):
    """The operator's approved maximum permitted revenue for a year (最高准许收入 = cost + allowed
    profit + tax); revenue above it is deducted from the next year's ceiling."""

    __tablename__ = "revenue_ceilings"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    amount = mapped_column(MONEY, nullable=False)
    approval_ref: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    set_by_id: Mapped[int | None] = mapped_column(Integer)
    set_at = mapped_column(DateTime, nullable=False, default=utcnow)
