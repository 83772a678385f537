"""What an offer and an accept cost in SQL, through the API: an offer does not read the thread's
earlier offers (only how many there are, answered by the statement that supersedes the standing one); an accept reads everything it
decides on, and writes all it can, before it takes the gapless counters, which every accept queues
for: while they are held it only numbers what it wrote and writes what names the numbers."""

import re

from tests.marketplace.test_statement_counts import counted_statements
from tests.pricing.conftest import published_listing

_VERB = re.compile(r"\s*(\w+)")


def _work(statements: list[str]) -> list[str]:
    """The statements a request ran, without SQLite's BEGIN (core.locks begins its transactions)."""
    return [s for s in statements if _VERB.match(s).group(1).upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]


def _open(cast, listing, amount):
    answer = cast.consumer.post(
        "/api/v1/negotiations", {"listing_id": listing["id"], "message": "议价", "amount": amount}
    )
    assert answer.status_code == 201, answer.json
    return answer.json


def test_an_offer_reads_no_earlier_offers_and_costs_the_same_in_every_round(cast):
    listing, _demand = published_listing(cast, category="JTYSJ-002", cap="9000.00", guide="8000.00")
    thread = _open(cast, listing, "5000.00")
    counts = []
    for n in range(6):
        with counted_statements() as statements:
            answer = cast.consumer.post(f"/api/v1/negotiations/{thread['id']}/offers", {"amount": f"{5001 + n}.00"})
        assert answer.status_code == 201, answer.json
        work = _work(statements)
        assert not [s for s in work if re.match(r"\s*SELECT offers\.", s)], work  # no offer rows loaded
        counts.append(len(work))
    # the token, the locked thread, the standing offer superseded (answering the rounds), the
    # thread's time, the new offer, its audit entry
    assert counts == [6] * 6, counts
    body = cast.consumer.get(f"/api/v1/negotiations/{thread['id']}").json
    assert [o["status"] for o in body["offers"]] == ["superseded"] * 6 + ["standing"]
    assert body["standing_offer"]["amount"] == "5006.00"


def test_an_accept_reads_before_it_takes_the_counters_and_only_writes_after(cast):
    listing, _demand = published_listing(cast, category="JTYSJ-003", cap="9000.00", guide="8000.00")
    first = _open(cast, listing, "6000.00")
    # the year's counters and the month's row exist once something was agreed (each is created the
    # first time it is needed, with a few statements more)
    accepted = cast.operator.post(
        f"/api/v1/negotiations/{first['id']}/accept", {"offer_id": first["standing_offer"]["id"]}
    )
    assert accepted.status_code == 200, accepted.json
    thread = _open(cast, listing, "6100.00")
    with counted_statements() as statements:
        answer = cast.operator.post(
            f"/api/v1/negotiations/{thread['id']}/accept", {"offer_id": thread["standing_offer"]["id"]}
        )
    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "agreed" and answer.json["invoice_number"] and answer.json["agreement"]
    assert [m["body"] for m in answer.json["messages"]] == ["议价"]
    work = _work(statements)
    first_counter = next(i for i, s in enumerate(work) if re.match(r"\s*UPDATE counters", s))
    # the month the invoice is posted into is locked (in share mode) before the counters are taken
    assert [i for i, s in enumerate(work) if "finance_periods" in s][0] < first_counter
    # from the counters to the commit, only the numbering and what names the numbers: both
    # counters in one statement, the two numbers set, the journal entry and its lines, the audit
    # entries in one statement — no read
    verbs = [" ".join(re.match(r"\s*(\w+)\s+(?:INTO\s+)?(\w+)", s).groups()) for s in work[first_counter:]]
    assert verbs == [
        "UPDATE counters",
        "UPDATE agreements",
        "UPDATE invoices",
        "INSERT journal_entries",
        "INSERT journal_lines",
        "INSERT audit_entries",
    ], "\n".join(s[:90] for s in work[first_counter:])
    # before the counters: the token, the thread locked with its offers, its messages, the listing's
    # categories with their covers and the operator (one statement), the offer, the agreement and its
    # authorisations, the invoice, the month (share mode), the thread
    assert len(work) == 16, "\n".join(s[:90] for s in work)
    assert len([s for s in work if re.match(r"\s*SELECT", s)]) == 5, "\n".join(s[:90] for s in work)
