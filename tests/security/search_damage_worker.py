"""Run by test_search_index_damage in a process of its own (a SIGBUS would kill it, not the test run):
search, truncate every segment file of the index to 4 KiB while the app keeps its searcher open (with
memory-mapped segments this kills the process with SIGBUS, as reported), search again.
Prints one JSON line per search: status, source, codes."""

import json
import os
import sys
from pathlib import Path

from tests.conftest import make_app


def main(database_url: str, index_dir: str) -> None:
    app = make_app(database_url, index_dir)
    client = app.test_client()
    queries = ["yyzz", "yingyezhizhao", "营业执照", "business licences"]

    def run(label):
        for q in queries:
            response = client.get("/api/v1/categories", query_string={"q": q})
            body = response.get_json() or {}
            codes = [item["code"] for item in body.get("items", [])]
            print(
                json.dumps(
                    {
                        "when": label,
                        "q": q,
                        "status": response.status_code,
                        "source": body.get("source"),
                        "codes": codes,
                    }
                )
            )
            sys.stdout.flush()

    run("before")
    for segment in Path(index_dir).glob("*.seg"):
        os.truncate(segment, 4096)
    run("after")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
