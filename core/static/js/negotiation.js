/* A negotiation page keeps itself current: every 2 s it reads GET /api/v1/negotiations/<id> (the
   browser session is accepted for reads) and, when the thread changed, re-renders the messages and
   offers, the standing offer and the agreed/withdrawn notices. User text is only ever set with
   textContent. */
(function () {
  "use strict";
  var root = document.getElementById("negotiation");
  if (!root || !window.fetch) { return; }
  var labels = JSON.parse(document.getElementById("negotiation-labels").textContent);
  var mySide = root.getAttribute("data-my-side");
  var lang = root.getAttribute("data-lang") || "zh-CN";
  var api = root.getAttribute("data-api");
  var seen = {
    updated: null,
    offers: Number(root.getAttribute("data-offers")),
    messages: Number(root.getAttribute("data-messages")),
    status: root.getAttribute("data-status")
  };
  var INTERVAL = 2000;
  var dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });
  var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "always" }) : null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function money(amount) {
    // "1234.50" → "¥1,234.50" without going through a float
    var parts = String(amount).split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return "¥" + whole + "." + ((parts[1] || "") + "00").slice(0, 2);
  }

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : dateFormat.format(d);
  }

  function timeLeft(iso) {
    var ms = new Date(iso) - new Date();
    if (!(ms > 0)) { return labels.expired; }
    if (!relative) { return when(iso); }
    var hours = ms / 3600000;
    if (hours < 1) { return relative.format(Math.max(1, Math.round(ms / 60000)), "minute"); }
    if (hours < 48) { return relative.format(Math.round(hours), "hour"); }
    return relative.format(Math.round(hours / 24), "day");
  }

  function months(n) {
    return (n === 1 ? labels.month : labels.months).replace("{n}", String(n));
  }

  function sideName(side, prefixed) {
    var name = labels.sides[side] || side;
    var text = prefixed ? labels.made_by.replace("{side}", name) : name;
    return side === mySide ? text + " (" + labels.you + ")" : text;
  }

  function badge(status, text) {
    return el("span", "badge state state-" + status, text);
  }

  function terms(o) {
    var dl = el("dl", "offer-terms");
    var rows = [
      [labels.basis, labels.bases[o.pricing_basis] || o.pricing_basis, "basis"],
      [labels.quantity, Number(o.quantity).toLocaleString(lang), "quantity"],
      [labels.term, months(o.term_months), "term"],
      [labels.valid_until, when(o.valid_until), "valid_until"]
    ];
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      var dd = el("dd", null, row[1]);
      dd.setAttribute("data-term", row[2]);
      dl.appendChild(dd);
    });
    return dl;
  }

  function meta(text, at) {
    var p = el("p", "entry-meta");
    p.appendChild(el("span", "entry-side", text));
    p.appendChild(document.createTextNode(" · "));
    var time = el("time", null, when(at));
    time.setAttribute("datetime", at);
    p.appendChild(time);
    return p;
  }

  function messageNode(m) {
    var li = el("li", "entry message side-" + m.side + (m.side === mySide ? " mine" : ""));
    li.setAttribute("data-kind", "message");
    li.setAttribute("data-id", m.id);
    li.appendChild(meta(sideName(m.side, false), m.at));
    li.appendChild(el("p", "prose entry-body", m.body));
    return li;
  }

  function offerNode(o, note) {
    var li = el("li", "entry offer-card side-" + o.side + (o.side === mySide ? " mine" : ""));
    li.setAttribute("data-kind", "offer");
    li.setAttribute("data-offer-id", o.id);
    li.setAttribute("data-status", o.status);
    li.appendChild(meta(sideName(o.side, true), o.created_at));
    var head = el("p", "offer-head");
    head.appendChild(el("strong", "offer-amount", money(o.amount)));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(badge(o.status, labels.offer_status[o.status] || o.status));
    li.appendChild(head);
    li.appendChild(terms(o));
    if (note) { li.appendChild(el("p", "prose entry-body", note)); }
    return li;
  }

  function renderTimeline(t) {
    var list = document.getElementById("timeline");
    var known = {};
    list.querySelectorAll("li[data-kind]").forEach(function (li) {
      known[li.getAttribute("data-kind") + ":" + (li.getAttribute("data-id") || li.getAttribute("data-offer-id"))] = true;
    });
    var items = t.messages.map(function (m) { return { kind: "message", at: m.at, id: m.id, obj: m }; })
      .concat(t.offers.map(function (o) { return { kind: "offer", at: o.created_at, id: o.id, obj: o }; }));
    items.sort(function (a, b) {
      if (a.at !== b.at) { return a.at < b.at ? -1 : 1; }
      if (a.kind !== b.kind) { return a.kind === "message" ? -1 : 1; }
      return a.id - b.id;
    });
    var fragment = document.createDocumentFragment();
    var previous = null;
    items.forEach(function (item) {
      var node;
      if (item.kind === "message") {
        node = messageNode(item.obj);
      } else {
        var note = item.obj.message || "";
        if (previous && previous.kind === "message" && previous.obj.body === note) { note = ""; }
        node = offerNode(item.obj, note);
      }
      if (!known[item.kind + ":" + item.id]) { node.className += " is-new"; }
      fragment.appendChild(node);
      previous = item;
    });
    list.replaceChildren(fragment);
  }

  function renderStanding(t) {
    var box = document.getElementById("standing-offer");
    var standing = t.standing_offer;
    box.hidden = t.status !== "open";
    box.classList.toggle("mine", !!standing && standing.side === mySide);
    box.querySelector(".standing-empty").hidden = !!standing;
    box.querySelector(".standing-body").hidden = !standing;
    var accept = document.getElementById("accept-form");
    if (accept) {
      accept.hidden = !(t.status === "open" && standing && standing.side !== mySide);
      var input = accept.querySelector("input[name='accept-offer_id']");
      if (input && standing) { input.value = standing.id; }
    }
    if (!standing) { return; }
    box.querySelector(".standing-amount").textContent = money(standing.amount);
    box.querySelector(".standing-side").textContent = sideName(standing.side, true);
    var left = box.querySelector(".standing-left");
    left.setAttribute("data-until", standing.valid_until);
    left.textContent = timeLeft(standing.valid_until);
    box.querySelector(".standing-terms").replaceChildren(terms(standing));
    box.querySelector(".mine-hint").hidden = standing.side !== mySide;
  }

  function renderStatus(t) {
    var holder = document.getElementById("thread-status");
    holder.replaceChildren(badge(t.status, labels.thread_status[t.status] || t.status));
    root.setAttribute("data-status", t.status);
    var actions = document.querySelector(".thread-actions");
    if (actions) { actions.hidden = t.status !== "open"; }
    var agreed = document.getElementById("agreed-box");
    agreed.hidden = t.status !== "agreed";
    if (t.status === "agreed") {
      var agreement = document.getElementById("agreement-link");
      if (t.agreement_id) {
        agreement.href = agreement.getAttribute("data-href").replace("{id}", encodeURIComponent(t.agreement_id));
        if (t.agreement) { agreement.textContent = agreement.textContent.split(" ")[0] + " " + t.agreement; }
      }
      var invoice = document.getElementById("invoice-link");
      invoice.hidden = !t.invoice_number;
      if (t.invoice_number) {
        invoice.href = invoice.getAttribute("data-href").replace("{number}", encodeURIComponent(t.invoice_number));
        invoice.textContent = invoice.textContent.split(" ")[0] + " " + t.invoice_number;
      }
    }
    var withdrawn = document.getElementById("withdrawn-box");
    withdrawn.hidden = t.status !== "withdrawn";
    document.getElementById("close-reason").textContent = t.close_reason || "";
  }

  function render(t) {
    renderTimeline(t);
    renderStanding(t);
    renderStatus(t);
    root.setAttribute("data-offers", t.offers.length);
    root.setAttribute("data-messages", t.messages.length);
  }

  var note = document.getElementById("live-note");
  var noteText = note ? note.textContent : "";

  function poll() {
    if (document.hidden) { return schedule(); }
    fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (t) {
        if (note) { note.textContent = noteText; note.classList.remove("offline"); }
        var changed = t.updated_at !== seen.updated || t.offers.length !== seen.offers ||
          t.messages.length !== seen.messages || t.status !== seen.status;
        if (changed && seen.updated !== null) { render(t); }
        else if (changed && (t.offers.length !== seen.offers || t.messages.length !== seen.messages || t.status !== seen.status)) { render(t); }
        seen = { updated: t.updated_at, offers: t.offers.length, messages: t.messages.length, status: t.status };
        var left = document.querySelector("#standing-offer .standing-left");
        if (left && left.getAttribute("data-until")) { left.textContent = timeLeft(left.getAttribute("data-until")); }
        schedule();
      })
      .catch(function () {
        if (note) { note.textContent = labels.offline; note.classList.add("offline"); }
        schedule(INTERVAL * 3);
      });
  }

  function schedule(delay) { window.setTimeout(poll, delay || INTERVAL); }

  schedule();
})();
