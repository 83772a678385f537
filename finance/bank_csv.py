"""Reading a bank statement as Chinese banks export it (对公账户交易明细): CSV in UTF-8 (with or
without BOM) or GBK, often a few lines of account details above the header, amounts with thousands
separators, either one signed amount column or separate 借方/贷方 (paid out / received) columns."""

import csv
import hashlib
import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from core.money import CENT

INVOICE_NUMBER = re.compile(r"INV[-_ ]?(\d{4})[-_ ]?(\d{6})", re.IGNORECASE)

# header aliases, compared after removing spaces and brackets
COLUMNS = {
    "date": ("交易日期", "日期", "记账日期", "入账日期", "交易时间", "date", "bookingdate", "transactiondate"),
    "amount": ("金额", "交易金额", "发生额", "amount"),
    "credit": ("贷方发生额", "贷方金额", "收入金额", "收入", "贷方", "credit"),
    "debit": ("借方发生额", "借方金额", "支出金额", "支出", "借方", "debit"),
    "payer_name": ("对方户名", "付款人名称", "付款人", "对方账户名称", "对方名称", "payername", "counterparty"),
    "payer_account": ("对方账号", "付款人账号", "对方账户", "payeraccount", "counterpartyaccount"),
    "remark": ("附言", "摘要", "用途", "备注", "交易附言", "remark", "memo", "reference"),
}
MAX_ERRORS = 20


class StatementError(ValueError):
    """The file cannot be read as a statement; messages name the line."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


class ParsedLine(NamedTuple):
    line_no: int
    booked_on: date
    amount: Decimal
    payer_name: str
    payer_account: str
    remark: str
    invoice_ref: str | None
    fingerprint: int  # 64 bits of SHA-1; unique together with the date


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 when the bytes are UTF-8, else GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else "gbk")
        except UnicodeDecodeError:
            continue
    raise StatementError([str(_l("The file is neither UTF-8 nor GBK text."))])


def _key(cell: str) -> str:
    return re.sub(r"[\s()（）\[\]【】:：/_-]", "", cell).lower()


def _header_map(row: list[str]) -> dict[str, int] | None:
    keys = [_key(c) for c in row]
    found = {}
    for name, aliases in COLUMNS.items():
        for i, k in enumerate(keys):
            if k in aliases or any(k.startswith(a) for a in aliases if len(a) > 2):
                found.setdefault(name, i)
                break
    if "date" in found and ("amount" in found or "credit" in found):
        return found
    return None


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    head = text.split()[0].split("T")[0]
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def parse_money(text: str) -> Decimal | None:
    if 0 < len(text) < 16 and text.lstrip("-").replace(".", "", 1).isdigit():  # the common case, "1060.00"
        decimals = len(text) - text.find(".") - 1 if "." in text else 0
        if decimals == 2:
            return Decimal(text)
        if decimals < 2:
            return Decimal(text).quantize(CENT)
        return None
    cleaned = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").replace(" ", "")
    if cleaned in ("", "-", "--"):
        return Decimal("0")
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned.strip("()")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value.as_tuple().exponent < -2 or abs(value) >= Decimal("1e12"):
        return None
    return (-value if negative else value).quantize(CENT)


def find_invoice_number(remark: str) -> str | None:
    if "NV" not in remark and "nv" not in remark and "Nv" not in remark and "nV" not in remark:
        return None  # most remarks: substring tests are far cheaper than the pattern
    match = INVOICE_NUMBER.search(remark)
    return f"INV-{match.group(1)}-{match.group(2)}" if match else None


class _Dates(dict):
    """parse_date with a memory: a statement holds a few dozen distinct dates over a million lines."""

    def __missing__(self, text):
        day = parse_date(text)
        value = self[text] = (day, day.isoformat() if day else "")
        return value


def _head_dialect(head: bytes):
    cut = head.rfind(b"\n")
    text, _ = decode(head[: cut + 1] if 0 <= cut < len(head) - 1 else head)
    try:
        return text, csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        return text, csv.excel


def check_header(head: bytes) -> None:
    """StatementError unless the first bytes of a file hold a statement's header row: a quick look
    before a large file is queued for import."""
    text, dialect = _head_dialect(head)
    for row_no, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if _header_map(row) is not None:
            return
        if row_no >= 30:
            break
    raise StatementError([str(_l("No header row with a date and an amount column was found."))])


def check_field_sizes(path: str, head: bytes) -> None:
    """StatementError naming the first line with a field longer than csv's limit (131,072
    characters): a scan of the bytes, quick enough to answer before the file is queued. Only a line
    longer than the limit can hold such a field; that line alone is read as CSV."""
    limit = csv.field_size_limit()
    dialect = None
    with open(path, "rb") as upload:
        for number, line in enumerate(upload, start=1):
            if len(line) <= limit:
                continue
            if dialect is None:
                dialect = _head_dialect(head)[1]
            try:
                text = decode(line)[0]
            except StatementError:
                text = line.decode("gb18030", errors="replace")
            try:
                for _row in csv.reader(io.StringIO(text), dialect):
                    pass
            except csv.Error:
                raise StatementError([_unreadable(number)]) from None


def _unreadable(number: int) -> str:
    return str(
        _l(
            "Line %(n)d cannot be read: a field is longer than %(max)d characters or a quote is not closed.",
            n=number,
            max=csv.field_size_limit(),
        )
    )


def _rows(reader):
    """The reader's rows; a line it cannot read (a field over csv's 131,072-character limit, a
    quote never closed) is a StatementError naming that line, not a crash."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise StatementError([_unreadable(reader.line_num)]) from None


def parse(raw: bytes) -> tuple[list[ParsedLine], str]:
    """All lines of the statement, or StatementError naming every bad line (up to 20). Written for
    a million lines: column positions fixed once, dates and amounts parsed once per distinct text."""
    text, encoding = decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    rows = _rows(csv.reader(io.StringIO(text), dialect))
    header = None
    header_row = 0
    for header_row, row in enumerate(rows, start=1):
        header = _header_map(row)
        if header is not None or header_row >= 30:
            break
    if header is None:
        raise StatementError([str(_l("No header row with a date and an amount column was found."))])
    width = max(header.values()) + 1
    at = {name: header.get(name, -1) for name in COLUMNS}  # a missing column reads the "" appended to every row
    i_date, i_amount, i_credit, i_debit = at["date"], at["amount"], at["credit"], at["debit"]
    i_name, i_account, i_remark = at["payer_name"], at["payer_account"], at["remark"]
    single = "amount" in header
    dates, money = _Dates(), parse_money
    lines: list[ParsedLine] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    sha1, footer, blank, from_bytes = hashlib.sha1, ("合计", "总计", "小计", "Total"), [""] * width, int.from_bytes
    for row_no, row in enumerate(rows, start=header_row + 1):
        if len(row) < width:
            if not any(cell.strip() for cell in row):
                continue
            row += blank[: width - len(row)]
        row.append("")
        date_text = row[i_date].strip()
        if date_text.startswith(footer):
            continue
        booked_on, iso_day = dates[date_text]
        if single:
            amount = money(row[i_amount].strip())
        else:
            received, paid_out = money(row[i_credit].strip()), money(row[i_debit].strip() or "0")
            amount = None if received is None or paid_out is None else received - paid_out
        if booked_on is None or amount is None:
            if len(errors) < MAX_ERRORS:
                what = _l("date") if booked_on is None else _l("amount")
                errors.append(str(_l("Line %(n)d: the %(what)s cannot be read.", n=row_no, what=what)))
            continue
        if not amount:
            continue
        payer_name, payer_account, remark = (
            row[i_name].strip()[:200],
            row[i_account].strip()[:64],
            row[i_remark].strip()[:500],
        )
        # The same transaction in the next month's export gets the same fingerprint; two identical
        # transfers on one day differ by how-manieth they are.
        identity = "|".join((iso_day, str(amount), payer_account, payer_name, remark))
        occurrence = seen[identity] = seen.get(identity, -1) + 1
        fingerprint = from_bytes(sha1(f"{identity}|{occurrence}".encode()).digest()[:8], "big", signed=True)
        reference = find_invoice_number(remark)
        lines.append(ParsedLine(row_no, booked_on, amount, payer_name, payer_account, remark, reference, fingerprint))
    if errors:
        raise StatementError(errors)
    if not lines:
        raise StatementError([str(_l("The statement holds no transactions."))])
    return lines, encoding
