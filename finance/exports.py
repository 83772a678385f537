"""The month report as CSV that opens correctly in Excel: UTF-8 with a byte-order mark, CRLF,
one row per figure with a stable key beside the translated label."""

import csv
import io

from flask_babel import gettext as _

from finance import labels
from finance.shapes import plain


def month_csv(report: dict) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([_("section"), _("key"), _("item"), _("value"), _("detail")])
    month = report["month"]
    w.writerow(["month", "month", _("Month"), month, report["status"]])
    figures = report["figures"]
    for key, label in labels.FIGURES.items():
        value = figures[key]
        if key == "remittance_base":
            value = f"{value} ({labels.BASES.get(value, value)})"
        w.writerow(["figures", key, str(label), value, ""])
    aging = plain(report["aging"])
    for bucket in aging["buckets"]:
        name = bucket["bucket"]
        w.writerow(["aging", f"{name}.outstanding", str(labels.AGING[name]), bucket["outstanding"], bucket["count"]])
        w.writerow(["aging", f"{name}.overdue", str(labels.AGING[name]) + " " + _("overdue"), bucket["overdue"], ""])
    w.writerow(["aging", "outstanding", _("Outstanding"), aging["outstanding"], aging["as_of"]])
    w.writerow(["aging", "overdue", _("Overdue"), aging["overdue"], aging["as_of"]])
    for row in plain(report["departments"]):
        w.writerow(["departments", row["code"] or "-", row["name_zh"] or _("No department"), row["net_revenue"], ""])
    ytd = plain(report["year_to_date"])
    w.writerow(["year", "net_revenue", _("Net revenue this year"), ytd["net_revenue"], ytd["year"]])
    w.writerow(["year", "ceiling", _("Maximum permitted revenue (最高准许收入)"), ytd["ceiling"], ytd["approval_ref"]])
    w.writerow(["year", "remaining", _("Remaining under the ceiling"), ytd["remaining"], f"{ytd['percent_used']}%"])
    for row in plain(report["series"]):
        w.writerow(["series", row["month"], _("Net revenue"), row["net_revenue"], ""])
        w.writerow(["series", row["month"], _("State-capital income due"), row["remittance_due"], row["remitted"]])
    for row in plain(report["adjustments"]):
        w.writerow(
            [
                "adjustments",
                row["entry_id"],
                str(labels.ENTRY_KINDS.get(row["kind"], row["kind"])),
                row["amount"],
                row["note"],
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
