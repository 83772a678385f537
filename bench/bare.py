"""The baseline for the negotiation bench: a bare Flask JSON endpoint, served the same way."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/api/v1/echo")
def echo():
    return jsonify({"ok": True, "received": request.get_json(silent=True)}), 201
