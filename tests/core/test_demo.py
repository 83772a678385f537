"""`demo seed` makes a living demo through the services, and a second run changes nothing."""

from flask_migrate import upgrade

from tests.conftest import make_app


def test_demo_seed_makes_a_living_board_once(workdir, app):
    # its own database: the demo's authorisations must not leak into the shared test data
    demo = make_app(
        f"sqlite:///{workdir / 'demo.sqlite3'}", str(workdir / "demo-index"), DATA_DIR=str(workdir / "demo-data")
    )
    with demo.app_context():
        upgrade()
    runner = demo.test_cli_runner()
    assert runner.invoke(args=["catalog", "seed"]).exit_code == 0
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    assert "5 demo demands" in first.output
    second = runner.invoke(args=["demo", "seed"])
    assert "already there" in second.output
    client = demo.test_client()
    board = client.get("/api/v1/demands").json
    assert board["total"] >= 4
    listings = client.get("/api/v1/listings").json
    assert listings["total"] == 2 and {x["status"] for x in listings["items"]} == {"published"}
    token = runner.invoke(args=["users", "token", "consumer@demo.cn"]).output.strip().splitlines()[-1]
    agreements = client.get("/api/v1/agreements", headers={"Authorization": f"Bearer {token}"}).json
    assert "active" in {a["status"] for a in agreements["items"]}
    assert "4 agreed negotiations" in first.output
    invoices = client.get("/api/v1/invoices", headers={"Authorization": f"Bearer {token}"}).json
    assert {i["status"] for i in invoices["items"]} == {"paid", "issued"}
    assert "4 queries in the usage log, one export awaiting the steward" in first.output
    agreement_ids = [a["id"] for a in agreements["items"] if a["status"] == "active"]
    logged = [
        client.get(f"/api/v1/agreements/{i}/usage", headers={"Authorization": f"Bearer {token}"}).json["total"]
        for i in agreement_ids
    ]
    assert max(logged) >= 5
    steward = runner.invoke(args=["users", "token", "steward@demo.cn"]).output.strip().splitlines()[-1]
    awaiting = client.get("/api/v1/exports/1", headers={"Authorization": f"Bearer {steward}"})
    assert awaiting.status_code == 200 and awaiting.json["status"] == "requested"
    check = runner.invoke(args=["finance", "check"])
    assert check.exit_code == 0 and "FAIL" not in check.output, check.output
    finance = runner.invoke(args=["users", "token", "finance@demo.cn"]).output.strip().splitlines()[-1]
    queue = client.get("/api/v1/finance/statement-lines", headers={"Authorization": f"Bearer {finance}"}).json
    assert queue["total"] == 1
    # a membership request and a verification wait to be decided
    members = client.get("/api/v1/memberships?status=pending", headers={"Authorization": f"Bearer {token}"}).json
    assert [m["user"]["email"] for m in members["items"]] == ["colleague@demo.cn"]
    operator = runner.invoke(args=["users", "token", "operator@demo.cn"]).output.strip().splitlines()[-1]
    waiting = client.get("/api/v1/verifications", headers={"Authorization": f"Bearer {operator}"}).json
    assert [v["enterprise"]["name_zh"] for v in waiting["items"]] == ["成都新芽数据科技有限公司"]
