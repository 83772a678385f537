"""A small local server that answers like Stripe for the calls the platform makes (Checkout
Sessions honouring Idempotency-Key, PaymentIntents with expand, refunds listed by PaymentIntent),
with state a test drives (a customer completes a session, Stripe refunds), and webhook payloads
signed as Stripe signs them."""

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

API_KEY = "sk_test_fake"
WEBHOOK_SECRET = "whsec_test_fake"


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<payload>">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def parse_form(pairs) -> dict:
    """Stripe's form encoding (a[b][0][c]=x) back into nested dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        path = re.findall(r"[^\[\]]+", key)
        node = root
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


class FakeStripe:
    def __init__(self):
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.sessions: dict[str, dict] = {}
        self.session_params: dict[str, dict] = {}  # what each session was created with
        self.intents: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.balance_transactions: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.idempotent: dict[str, tuple[dict, dict]] = {}  # key → (params, response)
        self.requests: list[tuple[str, str]] = []
        self.down = False  # answer every call with 500, as during an outage
        self.delay = 0.0  # seconds each new Checkout Session takes, so that two clicks overlap
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_test_{next(self._ids):06d}"

    # --- what a test makes happen -------------------------------------------------------------
    def complete(self, session_id: str, fee: int = 0, name: str = "张三", at: int | None = None) -> dict:
        """The customer pays the session by card: a succeeded PaymentIntent with its charge and
        balance transaction (fee in fen). Returns the PaymentIntent."""
        with self._lock:
            session = self.sessions[session_id]
            at = at or int(time.time())
            amount = session["amount_total"]
            intent_id, charge_id, txn_id = self.new_id("pi"), self.new_id("ch"), self.new_id("txn")
            self.balance_transactions[txn_id] = {
                "id": txn_id,
                "object": "balance_transaction",
                "amount": amount,
                "currency": "cny",
                "fee": fee,
                "net": amount - fee,
                "created": at,
                "type": "charge",
            }
            self.charges[charge_id] = {
                "id": charge_id,
                "object": "charge",
                "amount": amount,
                "amount_refunded": 0,
                "currency": "cny",
                "created": at,
                "paid": True,
                "refunded": False,
                "status": "succeeded",
                "payment_intent": intent_id,
                "balance_transaction": txn_id,
                "billing_details": {"name": name},
                "payment_method_details": {"type": "card", "card": {"brand": "visa", "last4": "4242"}},
            }
            self.intents[intent_id] = {
                "id": intent_id,
                "object": "payment_intent",
                "amount": amount,
                "amount_received": amount,
                "currency": "cny",
                "created": at,
                "status": "succeeded",
                "latest_charge": charge_id,
                "metadata": dict(self.session_params[session_id].get("payment_intent_data", {}).get("metadata", {})),
            }
            session.update(status="complete", payment_status="paid", payment_intent=intent_id)
            return self.intents[intent_id]

    def refund(self, intent_id: str, amount: int, status: str = "succeeded", at: int | None = None) -> dict:
        with self._lock:
            intent = self.intents[intent_id]
            charge = self.charges[intent["latest_charge"]]
            refund_id = self.new_id("re")
            self.refunds[refund_id] = {
                "id": refund_id,
                "object": "refund",
                "amount": amount,
                "currency": "cny",
                "created": at or int(time.time()),
                "charge": charge["id"],
                "payment_intent": intent_id,
                "reason": "requested_by_customer",
                "status": status,
            }
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
            return self.refunds[refund_id]

    def expire(self, session_id: str) -> dict:
        with self._lock:
            self.sessions[session_id].update(status="expired")
            return self.sessions[session_id]

    def event(self, event_type: str, obj: dict) -> bytes:
        """A webhook body as Stripe sends it (a snapshot of the object at the time)."""
        body = {
            "id": self.new_id("evt"),
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "type": event_type,
            "data": {"object": json.loads(json.dumps(obj))},
        }
        return json.dumps(body).encode()

    def calls(self, method: str, prefix: str) -> int:
        return sum(1 for m, p in self.requests if m == method and p.startswith(prefix))

    # --- the HTTP side ------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def _answer(self, method):
                url = urlsplit(self.path)
                fake.requests.append((method, url.path))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                if fake.down:
                    return self._send(500, _error("api_error", "Stripe is down (fake)."))
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    return self._send(401, _error("invalid_request_error", "Invalid API Key provided."))
                params = parse_form(parse_qsl(body if method == "POST" else url.query, keep_blank_values=True))
                if method == "POST" and fake.delay:
                    time.sleep(fake.delay)
                with fake._lock:
                    status, answer = fake._route(method, url.path, params, self.headers.get("Idempotency-Key"))
                self._send(status, answer)

            def _send(self, status, answer):
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_fake")
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _route(self, method, path, params, idempotency_key):
        if method == "POST" and path == "/v1/checkout/sessions":
            if idempotency_key in self.idempotent:
                first, response = self.idempotent[idempotency_key]
                if first != params:
                    return 400, _error(
                        "idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                    )
                return 200, response
            response = self._create_session(params)
            if idempotency_key:
                self.idempotent[idempotency_key] = (params, response)
            return 200, response
        found = re.fullmatch(r"/v1/checkout/sessions/([\w]+)", path)
        if method == "GET" and found and found.group(1) in self.sessions:
            return 200, dict(self.sessions[found.group(1)])
        found = re.fullmatch(r"/v1/payment_intents/([\w]+)", path)
        if method == "GET" and found and found.group(1) in self.intents:
            return 200, self._expanded_intent(found.group(1), params.get("expand") or [])
        if method == "GET" and path == "/v1/refunds":
            rows = [r for r in self.refunds.values() if r["payment_intent"] == params.get("payment_intent")]
            rows.sort(key=lambda r: (r["created"], r["id"]), reverse=True)
            return 200, {"object": "list", "url": "/v1/refunds", "has_more": False, "data": rows}
        return 404, _error("invalid_request_error", f"No such resource: {path}")

    def _create_session(self, params):
        line = params["line_items"][0]
        session_id = self.new_id("cs")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params["mode"],
            "amount_total": int(line["price_data"]["unit_amount"]) * int(line["quantity"]),
            "currency": line["price_data"]["currency"],
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata", {}),
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "created": int(time.time()),
            "url": f"https://checkout.stripe.com/c/pay/{session_id}",
        }
        self.sessions[session_id] = session
        self.session_params[session_id] = params
        return dict(session)

    def _expanded_intent(self, intent_id, expand):
        intent = json.loads(json.dumps(self.intents[intent_id]))
        if any(e == "latest_charge" or e.startswith("latest_charge.") for e in expand) and intent["latest_charge"]:
            charge = json.loads(json.dumps(self.charges[intent["latest_charge"]]))
            if "latest_charge.balance_transaction" in expand:
                charge["balance_transaction"] = dict(self.balance_transactions[charge["balance_transaction"]])
            intent["latest_charge"] = charge
        return intent


def _error(kind: str, message: str) -> dict:
    return {"error": {"type": kind, "message": message}}
