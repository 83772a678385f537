"""Sign-in throttling shared by every worker and node: failures are counted per account (the e-mail
typed, whether or not it is registered, so the answer never tells) and per client address. The first
few failures are free; each later one makes the next attempt wait twice as long, up to a cap. A
success clears the account's count. Stored in the database (table signin_throttle) by default, in
Redis when REDIS_URL is set.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from accounts.models import SigninThrottle
from core import uow
from core.extensions import db
from core.timeutil import utcnow

WINDOW = timedelta(hours=1)  # a failure older than this is forgotten


@dataclass(frozen=True)
class Rule:
    free: int  # failures before any delay
    base_seconds: int  # the first delay; doubles with each further failure
    cap_seconds: int


ACCOUNT = Rule(free=5, base_seconds=2, cap_seconds=900)
ADDRESS = Rule(free=20, base_seconds=2, cap_seconds=900)


def delay_after(failures: int, rule: Rule) -> int:
    """Seconds the next attempt must wait after this many failures in a row."""
    if failures < rule.free:
        return 0
    return min(rule.base_seconds * 2 ** min(failures - rule.free, 20), rule.cap_seconds)


def _key(kind: str, value: str) -> str:
    return f"{kind}:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:64]


def keys_for(email: str, address: str | None) -> list[tuple[str, Rule]]:
    return [(_key("acct", (email or "").strip().lower()), ACCOUNT), (_key("addr", address or "-"), ADDRESS)]


class DatabaseStore:
    def wait_seconds(self, key: str) -> int:
        blocked = db.session.scalar(select(SigninThrottle.blocked_until).where(SigninThrottle.key == key))
        if blocked is None:
            return 0
        return max(0, int((blocked - utcnow()).total_seconds() + 0.999))

    def fail(self, key: str, rule: Rule) -> int:
        now = utcnow()
        stale = now - WINDOW
        for _ in range(3):
            # one atomic statement per failure, so two workers counting at once both count
            failures = db.session.execute(
                update(SigninThrottle)
                .where(SigninThrottle.key == key)
                .values(
                    failures=db.case((SigninThrottle.last_failure_at < stale, 1), else_=SigninThrottle.failures + 1),
                    last_failure_at=now,
                )
                .returning(SigninThrottle.failures)
            ).scalar()
            if failures is None:
                try:
                    with db.session.begin_nested():
                        db.session.add(SigninThrottle(key=key, failures=1, last_failure_at=now))
                    failures = 1
                except IntegrityError:
                    continue  # another worker inserted it first: count on that row
            wait = delay_after(failures, rule)
            db.session.execute(
                update(SigninThrottle)
                .where(SigninThrottle.key == key)
                .values(blocked_until=now + timedelta(seconds=wait) if wait else None)
            )
            uow.commit_now("a failed sign-in counts although the request that made it fails")
            return failures
        return 0

    def clear(self, key: str) -> None:
        db.session.execute(db.delete(SigninThrottle).where(SigninThrottle.key == key))
        db.session.flush()


class RedisStore:
    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url)

    def wait_seconds(self, key: str) -> int:
        blocked = self.redis.hget("signin:" + key, "blocked_until")
        if not blocked:
            return 0
        return max(0, int(float(blocked) - time.time() + 0.999))

    def fail(self, key: str, rule: Rule) -> int:
        name = "signin:" + key
        with self.redis.pipeline() as pipe:
            pipe.hincrby(name, "failures", 1)
            pipe.expire(name, int(WINDOW.total_seconds()))
            failures = int(pipe.execute()[0])
        wait = delay_after(failures, rule)
        if wait:
            self.redis.hset(name, "blocked_until", time.time() + wait)
        return failures

    def clear(self, key: str) -> None:
        self.redis.delete("signin:" + key)


def store():
    url = current_app.config.get("REDIS_URL")
    if url:
        cached = current_app.extensions.get("signin_throttle")
        if cached is None or cached[0] != url:
            cached = (url, RedisStore(url))
            current_app.extensions["signin_throttle"] = cached
        return cached[1]
    return DatabaseStore()


def wait_seconds(email: str, address: str | None) -> int:
    """How long this account or address must still wait before the next attempt (0: go ahead)."""
    backend = store()
    return max(backend.wait_seconds(key) for key, _rule in keys_for(email, address))


def record_failure(email: str, address: str | None) -> None:
    backend = store()
    for key, rule in keys_for(email, address):
        backend.fail(key, rule)


def record_success(email: str) -> None:
    key, _rule = keys_for(email, None)[0]
    store().clear(key)
