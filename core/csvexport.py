"""The one CSV writer every export uses (audit log, price disclosure, finance reports).

Excel opens UTF-8 only with a byte-order mark, and runs a cell that starts with `=`, `+`, `-`, `@`, a tab
or a carriage return as a formula (CSV injection: `=HYPERLINK(…)`, `=cmd|'/C calc'!A0`). Such text
cells are written with a leading apostrophe, the OWASP rule, so the spreadsheet shows them as text.
Numbers stay numbers: int and Decimal cells, and text that is exactly a number such as `-12.50`, are
written unchanged.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from flask import Response

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutralise(cell):
    """The cell as it is safe to write: numbers untouched, formula-looking text prefixed with '."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int | Decimal):
        return cell
    text = str(cell)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(rows: Iterable[Sequence]) -> bytes:
    """Rows as CSV bytes for Excel: BOM, UTF-8, CRLF line ends, every cell neutralised."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def csv_response(rows: Iterable[Sequence], filename: str) -> Response:
    return Response(
        to_csv(rows),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
