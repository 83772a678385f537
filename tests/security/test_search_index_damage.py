"""Item 7: a damaged search index degrades to the database, never a crash; the database answer
understands pinyin (full and initials) and English as the index does, and says it is degraded."""

import json
import os
import subprocess
import sys
from pathlib import Path

from catalog import services
from catalog.search import SearchRequest
from catalog.search.fallback import search_database
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]

LICENCE = "SCJGJ-001"  # 营业执照 (business licence) registrations


def test_truncating_the_segment_file_while_the_app_runs_falls_back_to_the_database(
    app, database_url, workdir, tmp_path
):
    index_dir = tmp_path / "index"
    # a freshly built index (one segment): the shared one holds the small segments of other tests' edits
    with make_app(database_url, str(index_dir)).app_context():
        services.reindex()
    assert list(index_dir.glob("*.seg"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "tests.security.search_damage_worker", database_url, str(index_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"the worker died ({done.returncode}): {done.stderr[-2000:]}"
    answers = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    before = [a for a in answers if a["when"] == "before"]
    after = [a for a in answers if a["when"] == "after"]
    assert len(before) == len(after) == 4
    assert all(a["status"] == 200 and a["source"] == "index" and LICENCE in a["codes"] for a in before)
    assert all(a["status"] == 200 and a["source"] == "database" for a in after), after
    for answer in after:  # yyzz, yingyezhizhao, 营业执照 and business licences all still find it
        assert LICENCE in answer["codes"], answer


def test_the_database_fallback_understands_pinyin_and_english(ctx):
    for q in ("yyzz", "yingyezhizhao", "营业执照", "business licences", "licence"):
        result = search_database(SearchRequest(q=q, per_page=50))
        assert LICENCE in result.codes, q
        assert result.source == "database"
    assert search_database(SearchRequest(q="zzzzqqq")).total == 0


def test_the_search_page_says_when_search_is_degraded(app, client, tmp_path):
    app.config["SEARCH_INDEX_DIR"], kept = str(tmp_path / "missing"), app.config["SEARCH_INDEX_DIR"]
    try:
        page = client.get("/search?q=yyzz&lang=en")
        api = client.get("/api/v1/categories?q=yyzz")
    finally:
        app.config["SEARCH_INDEX_DIR"] = kept
    assert page.status_code == 200 and "basic search" in page.get_data(as_text=True)
    assert api.json["source"] == "database" and LICENCE in [i["code"] for i in api.json["items"]]
