"""The baseline for the HTTP benches: bare Flask JSON endpoints, served the same way."""

from flask import Flask, jsonify, request

app = Flask(__name__)
ITEMS = [{"code": f"SCJGJ-{n:03d}", "name_zh": "企业登记信息", "record_count": n * 1000} for n in range(1, 11)]


@app.get("/api/v1/items")
def items():
    return jsonify({"items": ITEMS, "total": len(ITEMS)})


@app.post("/api/v1/echo")
def echo():
    return jsonify({"ok": True, "received": request.get_json(silent=True)}), 201
