"""E-mail notifications of the steps waiting for someone, sent when SMTP is configured
(MAIL_SERVER, MAIL_PORT, MAIL_SENDER). Without SMTP the inbox page is the only channel.

Mail to the people of a step is a background job ("bulk_email"): the request only queues it, once
the step is committed, and the job sends each recipient a message of their own over one SMTP
connection."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from accounts.models import User
from core import jobs, uow
from core.extensions import db

log = logging.getLogger(__name__)


def recipients(roles: tuple[str, ...] = (), organisation_ids: tuple[int, ...] = ()) -> list[str]:
    query = select(User.email).where(User.active.is_(True))
    if roles and organisation_ids:
        query = query.where(User.role.in_(roles), User.organisation_id.in_(organisation_ids))
    elif roles:
        query = query.where(User.role.in_(roles))
    elif organisation_ids:
        query = query.where(User.organisation_id.in_(organisation_ids))
    else:
        return []
    return sorted(set(db.session.scalars(query)))


def send_when_committed(to: list[str], subject: str, body: str) -> None:
    """Send the message once the step that it tells of has committed (never if it rolls back)."""
    uow.after_commit(lambda: send(to, subject, body))


def send(to: list[str], subject: str, body: str) -> bool:
    server = current_app.config.get("MAIL_SERVER")
    if not server or not to:
        return False
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_SENDER", "noreply@data.chengdu.gov.cn")
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(server, int(current_app.config.get("MAIL_PORT", 25)), timeout=5) as smtp:
            smtp.send_message(message)
        return True
    except OSError:
        log.exception("could not send %r to %s", subject, to)
        return False


def _message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_SENDER", "noreply@data.chengdu.gov.cn")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


@jobs.task("bulk_email")
def send_each(job, *, user_id=None, to: list[str], subject: str, body: str, server="", port=25) -> dict:
    """One message per recipient (nobody sees the others' addresses) over one connection, to the
    SMTP server configured where the mail was queued."""
    sent, failed = 0, []
    server = server or current_app.config.get("MAIL_SERVER")
    port = int(port or current_app.config.get("MAIL_PORT", 25))
    if not server:
        return {"sent": 0, "failed": list(to)}
    with smtplib.SMTP(server, port, timeout=10) as smtp:
        for n, address in enumerate(to, start=1):
            try:
                smtp.send_message(_message(address, subject, body))
                sent += 1
            except smtplib.SMTPRecipientsRefused:
                failed.append(address)
            if n % 20 == 0:
                job.progress(n / len(to))
    return {"sent": sent, "failed": failed}


def send_later(to: list[str], subject: str, body: str):
    """Queue mail to many people (None without SMTP): the job is part of the step's unit of work,
    put on the queue when it commits (core.jobs), and never if it rolls back."""
    if not current_app.config.get("MAIL_SERVER") or not to:
        return None
    config = current_app.config
    return jobs.submit(
        "bulk_email",
        to=list(to),
        subject=str(subject),
        body=str(body),
        server=config["MAIL_SERVER"],
        port=int(config.get("MAIL_PORT", 25)),
    )


def step_waiting(roles=(), organisation_ids=(), subject: str = "", link: str = "") -> None:
    """Tell the people who must act next; the link is relative to the platform's address."""
    if not current_app.config.get("MAIL_SERVER"):
        return  # no mail to send: not even the recipients are looked up
    base = current_app.config.get("PUBLIC_URL", "http://127.0.0.1:5000")
    send_later(recipients(tuple(roles), tuple(organisation_ids)), subject, f"{subject}\n\n{base}{link}\n")
