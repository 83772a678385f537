"""The month report as CSV that opens correctly in Excel (core.csvexport: UTF-8 with a byte-order mark,
CRLF, formula-looking text neutralised), one row per figure with a stable key beside the translated label."""

from flask_babel import gettext as _

from core.csvexport import to_csv
from finance import labels
from finance.shapes import plain


def month_csv(report: dict) -> bytes:
    rows: list[list] = []
    rows.append([_("section"), _("key"), _("item"), _("value"), _("detail")])
    month = report["month"]
    rows.append(["month", "month", _("Month"), month, report["status"]])
    figures = report["figures"]
    for key, label in labels.FIGURES.items():
        value = figures[key]
        if key == "remittance_base":
            value = f"{value} ({labels.BASES.get(value, value)})"
        rows.append(["figures", key, str(label), value, ""])
    aging = plain(report["aging"])
    for bucket in aging["buckets"]:
        name = bucket["bucket"]
        rows.append(["aging", f"{name}.outstanding", str(labels.AGING[name]), bucket["outstanding"], bucket["count"]])
        rows.append(["aging", f"{name}.overdue", str(labels.AGING[name]) + " " + _("overdue"), bucket["overdue"], ""])
    rows.append(["aging", "outstanding", _("Outstanding"), aging["outstanding"], aging["as_of"]])
    rows.append(["aging", "overdue", _("Overdue"), aging["overdue"], aging["as_of"]])
    for row in plain(report["departments"]):
        rows.append(["departments", row["code"] or "-", row["name_zh"] or _("No department"), row["net_revenue"], ""])
    ytd = plain(report["year_to_date"])
    rows.append(["year", "net_revenue", _("Net revenue this year"), ytd["net_revenue"], ytd["year"]])
    rows.append(["year", "ceiling", _("Maximum permitted revenue (最高准许收入)"), ytd["ceiling"], ytd["approval_ref"]])
    rows.append(["year", "remaining", _("Remaining under the ceiling"), ytd["remaining"], f"{ytd['percent_used']}%"])
    for row in plain(report["series"]):
        rows.append(["series", row["month"], _("Net revenue"), row["net_revenue"], ""])
        rows.append(["series", row["month"], _("State-capital income due"), row["remittance_due"], row["remitted"]])
    for row in plain(report["adjustments"]):
        rows.append(
            [
                "adjustments",
                row["entry_id"],
                str(labels.ENTRY_KINDS.get(row["kind"], row["kind"])),
                row["amount"],
                row["note"],
            ]
        )
    return to_csv(rows)
