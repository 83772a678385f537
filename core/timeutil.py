"""Time: stored in UTC, shown in Asia/Shanghai. The only module that does timezone arithmetic."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

DISPLAY_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """Naive UTC, the form every DateTime column stores (portable across SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_display(value: datetime) -> datetime:
    return as_utc(value).astimezone(DISPLAY_TZ)


def isoformat_utc(value: datetime | None) -> str | None:
    return None if value is None else as_utc(value).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp (a trailing Z allowed) into naive UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return as_utc(value).replace(tzinfo=None)


def local_today():
    """Today's date where the platform works (Asia/Shanghai)."""
    return datetime.now(DISPLAY_TZ).date()


def local_date(value: datetime):
    """The Asia/Shanghai date of a stored (naive UTC) moment."""
    return to_display(value).date()
