"""Two app nodes on one database and one Redis: each node its own gunicorn and its own search index
directory (as two machines would have), sessions, sign-in throttle, caches and jobs shared through
Redis. An edit on one node is found by a search on the other within 2 s; a negotiation whose
requests alternate between the nodes ends in one agreement and one invoice; the sign-in throttle
counts attempts made on both nodes together; a node that was down while the catalog changed is
current as soon as it is back. Redis must be there (CI starts it): never skipped."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import redis
import requests
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from accounts import throttle
from core.extensions import db
from finance.models import Invoice
from marketplace.models import Agreement
from tests.concurrency.conftest import ROOT, _free_port, _wait_until_serving
from tests.conftest import make_app
from tests.factories import PASSWORD
from tests.finance.conftest import _drop_database, _fresh_database
from tests.marketplace.conftest import _make_cast
from tests.pricing.conftest import published_listing

REDIS_URL = "redis://127.0.0.1:6379/11"


class Node:
    def __init__(self, name, env, workdir):
        self.name, self.env, self.workdir = name, env, workdir
        self.process, self.base_url = None, None

    def start(self):
        port = _free_port()
        self.log = open(self.workdir / f"node-{self.name}.log", "ab")  # noqa: SIM115 (open while it serves)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120", "wsgi:app"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        _wait_until_serving(self.base_url, self.process)

    def stop(self):
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        self.log.close()

    def url(self, path):
        return self.base_url + path


class Cluster:
    def __init__(self, app, cast, nodes):
        self.app, self.cast, self.a, self.b = app, cast, nodes[0], nodes[1]

    def count(self, query):
        with self.app.app_context():
            value = db.session.scalar(query)
            db.session.remove()
        return value


@pytest.fixture(scope="module")
def cluster(database_url, workdir, app):
    from flask_migrate import upgrade

    from catalog import services

    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis must be there: the shared parts live in it
    client.flushdb()
    name = "nodes_" + (make_url(database_url).database or "site").rsplit("/", 1)[-1].split(".")[0][:40]
    url = _fresh_database(database_url, workdir, name)
    index_a, index_b = workdir / "cluster-index-a", workdir / "cluster-index-b"
    setup = make_app(url, str(index_a), DATA_DIR=str(workdir / "data-nodes"))
    with setup.app_context():
        upgrade()
        services.seed_catalog()
        db.session.commit()
        services.reindex()  # node A's index; node B starts from a copy, as a new machine from a backup
        cast = _make_cast(setup.test_client())
        db.session.remove()
    shutil.copytree(index_a, index_b)
    common = {
        **os.environ,
        "DATABASE_URL": url,
        "DATA_DIR": str(workdir / "data-nodes"),
        "SECRET_KEY": "nodes-secret",
        "REDIS_URL": REDIS_URL,
        "JOBS_QUEUE_NAME": f"nodes-{os.getpid()}",
        "SEARCH_SYNC_SECONDS": "0.5",
    }
    common.pop("RATELIMIT_STORAGE_URI", None)  # from REDIS_URL
    nodes = [
        Node("a", {**common, "SEARCH_INDEX_DIR": str(index_a)}, workdir),
        Node("b", {**common, "SEARCH_INDEX_DIR": str(index_b)}, workdir),
    ]
    try:
        for node in nodes:
            node.start()
        yield Cluster(setup, cast, nodes)
    finally:
        for node in nodes:
            node.stop()
        with setup.app_context():
            db.session.remove()
            db.engine.dispose()
        _drop_database(database_url, name)
        client.flushdb()


def _edit(cluster, node, code, word):
    answer = requests.patch(
        node.url(f"/api/v1/categories/{code}"),
        json={"description_zh": f"节点测试用的说明 {word}。"},
        headers=cluster.cast.operator.headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def _found(node, word, code) -> bool:
    answer = requests.get(node.url("/api/v1/categories"), params={"q": word}, timeout=30)
    assert answer.status_code == 200, answer.text
    return code in [item["code"] for item in answer.json()["items"]]


def _until_found(node, word, code, within: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < within:
        if _found(node, word, code):
            return time.monotonic() - began
        time.sleep(0.05)
    return float("inf")


def test_an_edit_on_node_a_is_found_by_a_search_on_node_b_within_two_seconds(cluster):
    word = "quokkaprobe"
    assert not _found(cluster.b, word, "SCJGJ-005")  # and B's cache now holds the answer without it
    _edit(cluster, cluster.a, "SCJGJ-005", word)
    assert _found(cluster.a, word, "SCJGJ-005")  # the node that made it: at once
    waited = _until_found(cluster.b, word, "SCJGJ-005", within=2.0)
    assert waited <= 2.0, "node B did not find node A's edit within 2 s"


def test_a_node_that_was_down_is_current_when_it_is_back(cluster):
    cluster.b.stop()
    try:
        _edit(cluster, cluster.a, "SCJGJ-006", "wombatprobe")
        _edit(cluster, cluster.a, "SCJGJ-007", "numbatprobe")
    finally:
        cluster.b.start()
    # the first searches after the start: no waiting for a sync interval
    assert _found(cluster.b, "wombatprobe", "SCJGJ-006")
    assert _found(cluster.b, "numbatprobe", "SCJGJ-007")


def test_a_negotiation_alternating_between_the_nodes_ends_in_one_agreement_and_one_invoice(cluster):
    cast = cluster.cast
    with cluster.app.app_context():
        listing, _demand = published_listing(cast, category="SCJGJ-009", cap="50000.00", guide="45600.00")
        db.session.remove()
    a, b = cluster.a, cluster.b

    def post(node, actor, path, body):
        return requests.post(node.url(path), json=body, headers=actor.headers, timeout=60)

    opened = post(
        a, cast.consumer, "/api/v1/negotiations", {"listing_id": listing["id"], "message": "询价", "amount": "40000.00"}
    )
    assert opened.status_code == 201, opened.text
    thread = opened.json()["id"]
    steps = [
        (b, cast.operator, {"amount": "46000.00", "message": "还价"}),
        (a, cast.consumer, {"amount": "43000.00"}),
        (b, cast.operator, {"amount": "44500.00"}),
    ]
    for node, actor, body in steps:
        answer = post(node, actor, f"/api/v1/negotiations/{thread}/offers", body)
        assert answer.status_code == 201, (node.name, answer.text)
    standing = requests.get(a.url(f"/api/v1/negotiations/{thread}"), headers=cast.consumer.headers, timeout=30).json()
    offer = {"offer_id": standing["standing_offer"]["id"]}
    # both nodes are asked to accept the standing offer: one agreement, the other a conflict
    first = post(a, cast.consumer, f"/api/v1/negotiations/{thread}/accept", offer)
    second = post(b, cast.consumer, f"/api/v1/negotiations/{thread}/accept", offer)
    assert sorted([first.status_code, second.status_code]) == [200, 409], (first.text, second.text)
    after = requests.get(b.url(f"/api/v1/negotiations/{thread}"), headers=cast.operator.headers, timeout=30).json()
    assert after["status"] == "agreed" and after["invoice_number"]
    agreements = cluster.count(select(func.count()).select_from(Agreement).where(Agreement.listing_id == listing["id"]))
    invoices = cluster.count(
        select(func.count())
        .select_from(Invoice)
        .join(Agreement, Agreement.id == Invoice.agreement_id)
        .where(Agreement.listing_id == listing["id"])
    )
    assert (agreements, invoices) == (1, 1)


def _sign_in(node, email, password):
    with requests.Session() as http:
        form = http.get(node.url("/login"), timeout=30)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form.text)
        assert token, "no CSRF token on the sign-in form"
        return http.post(
            node.url("/login"),
            data={"email": email, "password": password, "csrf_token": token.group(1)},
            allow_redirects=False,
            timeout=30,
        )


def test_the_sign_in_throttle_counts_attempts_on_both_nodes_together(cluster):
    email = cluster.cast.other_consumer.email
    nodes = [cluster.a, cluster.b]
    for n in range(throttle.ACCOUNT.free):  # the free failures, alternating between the nodes
        assert _sign_in(nodes[n % 2], email, "wrong-password-1").status_code == 400
    # the next attempt waits, on either node, even with the right password
    for node in nodes:
        refused = _sign_in(node, email, PASSWORD)
        assert refused.status_code == 429, (node.name, refused.status_code)
        assert int(refused.headers["Retry-After"]) >= 1
