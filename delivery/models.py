"""Delivery's tables: data versions, column policies, each agreement's ledger (quota, privacy budget,
keys), the usage log and export requests."""

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.types import JSON, DateTime

from core.extensions import db
from core.timeutil import utcnow

ROLES = ("identifier", "quasi_identifier", "attribute", "sensitive")
MIN_GROUP_SIZE_DEFAULT = 10
MIN_GROUP_SIZE_FLOOR = 5
BIGID = BigInteger().with_variant(Integer(), "sqlite")


class DataVersion(db.Model):
    """One immutable version of a category's data: a Parquet file under DATA_DIR (and a read-only
    DuckDB copy the gateway opens). Refused uploads are kept with their report, without a file."""

    __tablename__ = "data_versions"
    __table_args__ = (UniqueConstraint("category_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)  # accepted | refused
    source: Mapped[str] = mapped_column(String(20), nullable=False)  # upload | generated
    file_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")  # under DATA_DIR
    original_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    row_count: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    report = mapped_column(JSON, nullable=False, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    category = relationship("Category", lazy="joined")


class CategoryPolicy(db.Model):
    """The steward's settings for a category's delivery: minimum group size, default privacy budget."""

    __tablename__ = "category_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), nullable=False, unique=True)
    min_group_size: Mapped[int] = mapped_column(Integer, nullable=False, default=MIN_GROUP_SIZE_DEFAULT)
    epsilon_budget: Mapped[float | None] = mapped_column(Float)  # per agreement; None: no noise
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at = mapped_column(DateTime)


class ColumnPolicy(db.Model):
    __tablename__ = "column_policies"
    __table_args__ = (UniqueConstraint("category_id", "column"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), nullable=False, index=True)
    column: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    proposed_role: Mapped[str] = mapped_column(String(20), nullable=False)
    confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at = mapped_column(DateTime, nullable=False, default=utcnow)


class AgreementLedger(db.Model):
    """What an agreement has used of its terms. Counters change only by conditional UPDATEs
    (… WHERE used < limit), so parallel calls on any database can never overspend."""

    __tablename__ = "agreement_ledgers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, unique=True)
    calls_used: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    calls_limit: Mapped[int | None] = mapped_column(BigInteger)
    rows_used: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    rows_limit: Mapped[int | None] = mapped_column(BigInteger)
    epsilon_budget: Mapped[float | None] = mapped_column(Float)
    epsilon_spent: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    secret: Mapped[str] = mapped_column(String(64), nullable=False)  # tokens and export marks
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)


class UsageEntry(db.Model):
    """Every call through the gateway, sandbox or export, whatever its outcome."""

    __tablename__ = "usage_entries"
    # the differencing check's read: an agreement's distinct answers of one shape, newest first (0016)
    __table_args__ = (
        Index(
            "ix_usage_entries_answers",
            "agreement_id",
            "shape",
            "id",
            sqlite_where=text("outcome = 'ok' AND group_counts IS NOT NULL"),
            postgresql_where=text("outcome = 'ok' AND group_counts IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BIGID, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20), nullable=False)  # query | check | sandbox | export
    sql_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sql_fingerprint: Mapped[str] = mapped_column(String(64), nullable=False, default="", index=True)
    shape: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    tables = mapped_column(JSON, nullable=False, default=list)
    rows_scanned: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    rows_returned: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    suppressed_groups: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    suppressed_rows: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    epsilon_spent: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    duration_ms: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)  # ok | refused | conflict | interrupted | error
    rule: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    group_counts = mapped_column(JSON)  # for differencing checks: {group key: rows}
    created_at = mapped_column(DateTime, nullable=False, default=utcnow, index=True)


class ExportRequest(db.Model):
    """受控出网: requested → (awaiting_operator, when the terms say so) → approved → preparing (a
    background job makes the fingerprinted file) → ready; or refused, revoked, failed."""

    __tablename__ = "export_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False, index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    sql_text: Mapped[str] = mapped_column(Text, nullable=False)
    purpose: Mapped[str] = mapped_column(Text, nullable=False)
    file_format: Mapped[str] = mapped_column(String(10), nullable=False, default="csv")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="requested", index=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at = mapped_column(DateTime)
    operator_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    operator_decided_at = mapped_column(DateTime)
    job_id: Mapped[int | None] = mapped_column(Integer)  # the job that makes the file
    file_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    row_count: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    downloads_left: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    expires_at = mapped_column(DateTime)
    created_at = mapped_column(DateTime, nullable=False, default=utcnow)

    agreement = relationship("Agreement", lazy="joined")
