"""Configuration from the environment (12-factor); nothing else reads os.environ for settings."""

import json
import os
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "platform.sqlite3")


SECRET_KEY_FILE = "secret_key"


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


def secret_key(instance_path: str) -> str | None:
    """SECRET_KEY from the environment, else the key `make run` wrote once into instance/secret_key.
    There is no built-in fallback: create_app refuses to start without one outside debug and tests."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    path = Path(instance_path) / SECRET_KEY_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip() or None
    return None


def write_secret_key(instance_path: str) -> Path:
    """Create instance/secret_key (mode 600) with a random key, once; an existing key is kept."""
    import secrets

    path = Path(instance_path) / SECRET_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(48) + "\n")
    return path


def load(instance_path: str) -> dict:
    database_url = os.environ.get("DATABASE_URL") or _default_database_url(instance_path)
    public_url = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # Secure cookies, the __Host- prefix and HSTS follow the public address unless told otherwise.
    secure = _flag("SECURE_COOKIES", public_url.lower().startswith("https://"))
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        # __Host-: only over https, only from this host, path / (no Domain attribute may be set).
        "SESSION_COOKIE_NAME": "__Host-session" if secure else "session",
        "HSTS_SECONDS": int(os.environ.get("HSTS_SECONDS", "31536000")) if secure else 0,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            # Chinese stays readable (and LIKE-searchable) inside JSON columns.
            "json_serializer": lambda obj: json.dumps(obj, ensure_ascii=False),
        },
        # Delivered datasets (Parquet versions and their read-only DuckDB copies) and export files.
        "DATA_DIR": os.environ.get("DATA_DIR", str(Path(instance_path) / "data")),
        "DELIVERY_TIME_LIMIT": float(os.environ.get("DELIVERY_TIME_LIMIT", "10")),
        "DELIVERY_MEMORY_LIMIT": os.environ.get("DELIVERY_MEMORY_LIMIT", "512MB"),
        "DELIVERY_THREADS": int(os.environ.get("DELIVERY_THREADS", "2")),
        "DELIVERY_QUERY_EPSILON": float(os.environ.get("DELIVERY_QUERY_EPSILON", "0.5")),
        "MAX_VERSION_BYTES": int(os.environ.get("MAX_VERSION_BYTES", str(512 * 1024 * 1024))),
        "EXPORT_DOWNLOADS": int(os.environ.get("EXPORT_DOWNLOADS", "3")),
        "EXPORT_DAYS": int(os.environ.get("EXPORT_DAYS", "7")),
        "SEARCH_INDEX_DIR": os.environ.get("SEARCH_INDEX_DIR", str(Path(instance_path) / "search-index")),
        # how often (at most) a process looks for other nodes' catalog changes before a search
        "SEARCH_SYNC_SECONDS": float(os.environ.get("SEARCH_SYNC_SECONDS", "1")),
        "STRIPE_API_KEY": os.environ.get("STRIPE_API_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": os.environ.get("STRIPE_API_BASE", ""),
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        # The Chinese catalog lives in translations/zh: Babel spells zh_CN as zh_Hans_CN, and gettext
        # finds zh_Hans_CN's messages under zh, never under zh_CN.
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "LANGUAGES": ["zh_CN", "en"],
        "VAT_RATE": Decimal(os.environ.get("VAT_RATE", "0.06")),
        # State-capital income (上缴国有资本收益): rate × the month's revenue received, VAT-excluded
        # ("net") or VAT-inclusive ("gross"); fixed on each month when it is first posted into.
        "REMITTANCE_RATE": Decimal(os.environ.get("REMITTANCE_RATE", "0.30")),
        "REMITTANCE_BASE": os.environ.get("REMITTANCE_BASE", "net"),
        # The operator's approved maximum permitted revenue (最高准许收入) for a year without its own record.
        "PERMITTED_REVENUE": Decimal(os.environ.get("PERMITTED_REVENUE", "50000000.00")),
        "INVOICE_DUE_DAYS": int(os.environ.get("INVOICE_DUE_DAYS", "30")),
        "OFFER_VALID_DAYS": int(os.environ.get("OFFER_VALID_DAYS", "7")),
        "NEGOTIATION_MAX_ROUNDS": int(os.environ.get("NEGOTIATION_MAX_ROUNDS", "20")),
        # optional: shared sign-in throttle and rate limits for several workers or nodes
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # anonymous catalog reads (catalog/cache.py); CACHE_TYPE=NullCache switches the cache off
        "CACHE_TYPE": os.environ.get("CACHE_TYPE") or ("RedisCache" if os.environ.get("REDIS_URL") else "SimpleCache"),
        "CACHE_REDIS_URL": os.environ.get("CACHE_REDIS_URL") or os.environ.get("REDIS_URL", ""),
        "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pdp:"),
        "CACHE_DEFAULT_TIMEOUT": int(os.environ.get("CACHE_DEFAULT_TIMEOUT", "600")),
        "CACHE_THRESHOLD": int(os.environ.get("CACHE_THRESHOLD", "2000")),
        "CACHE_NO_NULL_WARNING": True,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "noreply@data.chengdu.gov.cn"),
        "PUBLIC_URL": public_url,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # Background jobs (core/jobs.py): huey over Redis when REDIS_URL is set, else over a SQLite
        # file under instance/; each web process consumes in a thread of its own unless
        # JOBS_INPROCESS=0 (then run `flask --app wsgi jobs worker`).
        "JOBS_INPROCESS": os.environ.get("JOBS_INPROCESS", "1").lower() not in ("0", "false", "no", "off", ""),
        "JOBS_THREADS": int(os.environ.get("JOBS_THREADS", "1")),
        "JOBS_QUEUE_FILE": os.environ.get("JOBS_QUEUE_FILE", str(Path(instance_path) / "jobs-queue.sqlite3")),
        "JOBS_QUEUE_NAME": os.environ.get("JOBS_QUEUE_NAME", ""),
        "JOBS_MAX_ATTEMPTS": int(os.environ.get("JOBS_MAX_ATTEMPTS", "3")),
        "JOBS_STALE_SECONDS": int(os.environ.get("JOBS_STALE_SECONDS", "900")),
        "JOBS_RECOVER_SECONDS": float(os.environ.get("JOBS_RECOVER_SECONDS", "10")),
        # Operations (docs/deploy.md): LOG_FORMAT=json writes one JSON object per line; /metrics answers
        # loopback callers, or others with `Authorization: Bearer <METRICS_TOKEN>`; the scheduler's tick.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text").strip().lower(),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),
        "SCHEDULER_TICK_SECONDS": float(os.environ.get("SCHEDULER_TICK_SECONDS", "30")),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(Path(instance_path) / "uploads")),
        # Request size limits: a bank statement upload, and every other request (JSON bodies, forms).
        "MAX_STATEMENT_BYTES": int(os.environ.get("MAX_STATEMENT_BYTES", str(100 * 1024 * 1024))),
        "MAX_REQUEST_BYTES": int(os.environ.get("MAX_REQUEST_BYTES", str(1024 * 1024))),
    }
