"""The periodic work that core.scheduler runs once per slot; each task is the same function as its CLI
command (`flask marketplace expire`, `flask pricing expire`) and safe to run at any time."""

from datetime import timedelta

from core.scheduler import Scheduled
from marketplace.services.authorisations import expire_due
from pricing.services.negotiation import expire_offers


def _expire_agreements():
    return expire_due()


def _expire_offers():
    return {"offers": expire_offers()}


TASKS: dict[str, Scheduled] = {
    # authorisations and agreements end on their date (also checked at every access)
    "marketplace.expire": Scheduled("marketplace.expire", timedelta(hours=1), _expire_agreements),
    # offers past their valid-until time
    "pricing.expire": Scheduled("pricing.expire", timedelta(minutes=5), _expire_offers),
}
