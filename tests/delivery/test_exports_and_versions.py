"""受控出网: request → steward's decision → a fingerprinted file downloadable a few times; a leak is
traced to its agreement (and a file from no agreement to none). Version uploads are checked against
the declared columns: a wrong file is refused with a report and changes nothing."""

import csv
import io
import random

from tests.delivery.conftest import active_agreement

EXPORT_SQL = "SELECT uscc, ent_name, ent_type, reg_capital, est_date, reg_authority, address FROM SCJGJ_001"


def _export(cast, agreement, sql=EXPORT_SQL, approve=True):
    made = cast.consumer.post(f"/api/v1/agreements/{agreement}/exports", {"sql": sql, "purpose": "信用模型训练"})
    assert made.status_code == 201, made.json
    assert made.json["status"] == "requested"
    decided = cast.steward.post(f"/api/v1/exports/{made.json['id']}/decision", {"approve": approve, "reason": "同意"})
    assert decided.status_code == 200, decided.json
    if not approve:
        return decided.json
    return _ready(cast, decided.json)


def _ready(cast, decided: dict) -> dict:
    """Wait for the job that makes the approved export's file; the export as the enterprise sees it."""
    from core import jobs

    assert decided["status"] == "approved" and decided["job_id"], decided
    assert jobs.wait(decided["job_id"], timeout=120).status == "done"
    return cast.consumer.get(f"/api/v1/exports/{decided['id']}").json


def test_an_export_is_approved_fingerprinted_and_downloadable_a_limited_number_of_times(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export")
    export = _export(dcast, agreement, EXPORT_SQL + " LIMIT 500")
    assert export["status"] == "ready" and export["rows"] == 500 and export["downloads_left"] == 3
    assert dcast.other_consumer.get(f"/api/v1/exports/{export['id']}/file").status_code == 404
    for _ in range(3):
        got = dcast.consumer.get(f"/api/v1/exports/{export['id']}/file")
        assert got.status_code == 200
    header = got.data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("uscc,ent_name") and "tk_" in got.data.decode("utf-8-sig")
    assert dcast.consumer.get(f"/api/v1/exports/{export['id']}/file").status_code == 409


def test_a_refused_export_has_no_file_and_termination_kills_the_link(dcast, scjgj_data, ctx):
    agreement = active_agreement(dcast, mode="controlled_export")
    refused = _export(dcast, agreement, approve=False)
    assert refused["status"] == "refused"
    assert dcast.consumer.get(f"/api/v1/exports/{refused['id']}/file").status_code == 409
    approved = _export(dcast, agreement, EXPORT_SQL + " LIMIT 50")
    assert dcast.operator.post(f"/api/v1/agreements/{agreement}/terminate", {"reason": "到期前终止"}).status_code == 200
    assert dcast.consumer.get(f"/api/v1/exports/{approved['id']}/file").status_code == 409
    assert dcast.consumer.get(f"/api/v1/exports/{approved['id']}").json["status"] == "revoked"


def test_a_leaked_export_is_traced_to_its_agreement_and_a_foreign_file_to_none(app, dcast, scjgj_data, ctx, tmp_path):
    buyer = active_agreement(dcast, mode="controlled_export")
    other = active_agreement(dcast, mode="controlled_export", consumer=dcast.other_consumer)
    # the other agreement exported too, so the trace has a wrong buyer to choose
    made = dcast.other_consumer.post(
        f"/api/v1/agreements/{other}/exports", {"sql": EXPORT_SQL + " LIMIT 2000", "purpose": "对照"}
    )
    decided = dcast.steward.post(f"/api/v1/exports/{made.json['id']}/decision", {"approve": True})
    assert decided.status_code == 200, decided.json
    _ready(dcast, decided.json)
    from catalog.models import Category
    from core.extensions import db
    from delivery.services import versions

    category = db.session.query(Category).filter_by(code="SCJGJ-001").one()
    assert versions.latest(category.id).row_count >= 10_000
    export = _export(dcast, buyer, EXPORT_SQL + " LIMIT 10000")
    assert export["rows"] == 10_000
    text = dcast.consumer.get(f"/api/v1/exports/{export['id']}/file").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    rng = random.Random(5)
    leak = rng.sample(body, 1000)  # 1,000 rows, shuffled
    dropped = header.index("uscc")  # and the token column removed
    leaked = tmp_path / "leak.csv"
    with leaked.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([h for i, h in enumerate(header) if i != dropped])
        writer.writerows([[v for i, v in enumerate(r) if i != dropped] for r in leak])
    traced = app.test_cli_runner().invoke(args=["delivery", "trace", str(leaked)])
    number = dcast.consumer.get(f"/api/v1/agreements/{buyer}").json["number"]
    other_number = dcast.other_consumer.get(f"/api/v1/agreements/{other}").json["number"]
    assert traced.exit_code == 0, traced.output
    assert number in traced.output and other_number not in traced.output
    # the same rows as they were before any export: no agreement's marks
    from delivery.services import exports as export_service

    clean = tmp_path / "clean.csv"
    import duckdb

    from delivery import storage

    path = storage.parquet_path(versions.latest(category.id).file_name)
    con = duckdb.connect()
    raw = con.execute(
        f"SELECT ent_type, reg_capital, est_date, reg_authority, address FROM read_parquet('{path}') LIMIT 1000"
    ).fetchall()
    with clean.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ent_type", "reg_capital", "est_date", "reg_authority", "address"])
        writer.writerows(raw)
    assert export_service.trace(clean) == []
    untraced = app.test_cli_runner().invoke(args=["delivery", "trace", str(clean)])
    assert untraced.exit_code == 1


def _upload(actor, code, raw, name="v.csv"):
    """POST the file (202 + job), wait for the job; returns (first response, finished job)."""
    from core import jobs

    started = actor.client.post(
        f"/api/v1/categories/{code}/versions", data={"file": (io.BytesIO(raw), name)}, headers=actor.headers
    )
    if started.status_code != 202:
        return started, None
    assert started.headers["Location"].endswith(f"/api/v1/jobs/{started.json['job']['id']}")
    jobs.wait(started.json["job"]["id"], timeout=60)
    return started, actor.get(started.headers["Location"]).json


def _csv(rows, encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def test_a_version_upload_with_wrong_columns_or_types_is_refused_with_a_report_and_changes_nothing(app, dcast, ctx):
    from catalog.models import Category
    from core.extensions import db
    from delivery.services import versions

    category = db.session.query(Category).filter_by(code="SCJGJ-003").one()
    served = versions.latest(category.id) or versions.generate_version(category, 50, seed=2)
    header = [f["name"] for f in category.fields]
    before = dcast.steward.get("/api/v1/categories/SCJGJ-003/versions").json["items"]

    wrong_columns = _csv([header[:-1] + ["surprise"], ["x"] * len(header)])
    _started, refused = _upload(dcast.steward, "SCJGJ-003", wrong_columns)
    assert refused["status"] == "failed"
    problems = " ".join(refused["result"]["fields"]["file"])
    assert header[-1] in problems and "surprise" in problems
    report = refused["result"]["report"]
    assert report["missing"] == [header[-1]] and report["unexpected"] == ["surprise"]
    assert refused["result"]["version"]["status"] == "refused"

    date_column = next(f["name"] for f in category.fields if f["type"] == "date")
    good = dict(zip(header, ["91510100MA61234567", "某公司", "名称", "甲", "乙", "2024-05-01", "成都市"], strict=False))
    rows = [header]
    for n in range(6):
        row = dict(good)
        if n in (1, 3, 4):
            row[date_column] = f"不是日期{n}"
        if n == 5:
            row["uscc"] = ""  # an identifier: required on every row
        rows.append([row[h] for h in header])
    _started, refused_types = _upload(dcast.steward, "SCJGJ-003", _csv(rows, "gbk"))
    assert refused_types["status"] == "failed"
    assert date_column in " ".join(refused_types["result"]["fields"]["file"])
    by_name = {c["name"]: c for c in refused_types["result"]["report"]["columns"]}
    dated = by_name[date_column]
    assert dated["rows"] == 6 and dated["nulls"] == 0 and dated["type_errors"] == 3
    # line 1 is the header: data rows 2, 4 and 5 of the file hold the bad dates
    assert dated["type_error_samples"] == [
        {"line": 3, "value": "不是日期1"},
        {"line": 5, "value": "不是日期3"},
        {"line": 6, "value": "不是日期4"},
    ]
    assert by_name["uscc"]["required"] and by_name["uscc"]["required_nulls"] == 1
    assert by_name["uscc"]["required_null_lines"] == [7]
    assert by_name["ent_name"]["type_errors"] == 0 and by_name["ent_name"]["required_nulls"] == 0

    listed = dcast.steward.get("/api/v1/categories/SCJGJ-003/versions").json["items"]
    assert len(listed) == len(before) + 2
    assert [v["status"] for v in listed[:2]] == ["refused", "refused"]
    assert listed[0]["report"]["columns"] == refused_types["result"]["report"]["columns"]
    assert listed[1]["report"]["unexpected"] == ["surprise"]
    # the reports quote the file: other departments and enterprises see accepted versions only
    for outsider in (dcast.other_steward, dcast.consumer):
        seen = outsider.get("/api/v1/categories/SCJGJ-003/versions").json["items"]
        assert "refused" not in {v["status"] for v in seen} and len(seen) == len(before)
    # nothing served changed: the same accepted version, the same file
    assert versions.latest(category.id).id == served.id
    from tests.delivery.test_pages import _login

    page = _login(app, dcast.steward.email).get("/delivery/categories/SCJGJ-003/policies")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "不是日期1" in html and "surprise" in html


def test_a_good_upload_in_gbk_is_accepted_and_served(dcast, ctx):
    from catalog.models import Category
    from core.extensions import db
    from delivery import generate

    category = db.session.query(Category).filter_by(code="SCJGJ-004").one()
    table = generate.synthesise({"code": category.code, "fields": category.fields}, 40, seed=3)
    rows = [table.column_names] + [[("" if v is None else str(v)) for v in r.values()] for r in table.to_pylist()]
    started, accepted = _upload(dcast.steward, "SCJGJ-004", _csv(rows, "gbk"))
    assert started.status_code == 202, started.json
    assert accepted["status"] == "done", accepted
    version = accepted["result"]["version"]
    assert version["report"]["encoding"] == "gbk" and version["rows"] == 40
    listed = dcast.steward.get("/api/v1/categories/SCJGJ-004/versions").json["items"]
    assert listed[0]["version"] == version["version"] and listed[0]["status"] == "accepted"
    other, _job = _upload(dcast.other_steward, "SCJGJ-004", _csv(rows))
    assert other.status_code == 403
    wrong_type, _job = _upload(dcast.steward, "SCJGJ-004", b"x", name="v.txt")
    assert wrong_type.status_code == 400
