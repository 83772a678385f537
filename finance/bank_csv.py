"""Reading a bank statement as Chinese banks export it (对公账户交易明细): CSV in UTF-8 (with or
without BOM) or GBK, often a few lines of account details above the header, amounts with thousands
separators, either one signed amount column or separate 借方/贷方 (paid out / received) columns."""

import csv
import hashlib
import io
import itertools
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from core.money import CENT
from finance import beside

INVOICE_NUMBER = re.compile(r"INV[-_ ]?(\d{4})[-_ ]?(\d{6})", re.IGNORECASE)
INVOICE_NUMBER_RUST = r"(?i)INV[-_ ]?(\d{4})[-_ ]?(\d{6})"  # the same, for polars (Unicode \d in both)

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


def _read_head(raw: bytes):
    """(text, encoding, dialect, header, header_row, rows, data_offset): the statement decoded, its
    dialect sniffed, its header row found among the first 30 rows; rows reads on after the header and
    data_offset is where in text the first row after the header begins."""
    text, encoding = decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    consumed = [0]

    def physical_lines():  # as io.StringIO yields them (split at "\n" only), counting what csv took
        start, end = 0, len(text)
        while start < end:
            cut = text.find("\n", start)
            stop = end if cut < 0 else cut + 1
            consumed[0] = stop
            yield text[start:stop]
            start = stop

    reader = csv.reader(physical_lines(), dialect)
    rows = _rows(reader)
    header = None
    header_row = 0
    for header_row, row in enumerate(rows, start=1):
        header = _header_map(row)
        if header is not None or header_row >= 30:
            break
    if header is None:
        raise StatementError([str(_l("No header row with a date and an amount column was found."))])
    return text, encoding, dialect, header, header_row, rows, consumed[0], reader


class _RowReader:
    """One row of the statement as the reference reads it: ParsedLine without its fingerprint
    (None for a row that is skipped), or the message naming the bad line."""

    def __init__(self, header: dict[str, int]):
        self.width = max(header.values()) + 1
        at = {name: header.get(name, -1) for name in COLUMNS}  # a missing column reads the "" appended to every row
        self.i_date, self.i_amount, self.i_credit, self.i_debit = at["date"], at["amount"], at["credit"], at["debit"]
        self.i_name, self.i_account, self.i_remark = at["payer_name"], at["payer_account"], at["remark"]
        self.single = "amount" in header
        self.dates = _Dates()
        self.blank = [""] * self.width

    def __call__(self, row: list[str], row_no: int):
        width = self.width
        if len(row) < width:
            if not any(cell.strip() for cell in row):
                return None
            row += self.blank[: width - len(row)]
        row.append("")
        date_text = row[self.i_date].strip()
        if date_text.startswith(FOOTER):
            return None
        booked_on, iso_day = self.dates[date_text]
        if self.single:
            amount = parse_money(row[self.i_amount].strip())
        else:
            received, paid_out = parse_money(row[self.i_credit].strip()), parse_money(row[self.i_debit].strip() or "0")
            amount = None if received is None or paid_out is None else received - paid_out
        if booked_on is None or amount is None:
            what = _l("date") if booked_on is None else _l("amount")
            return str(_l("Line %(n)d: the %(what)s cannot be read.", n=row_no, what=what))
        if not amount:
            return None
        return (
            row_no,
            booked_on,
            iso_day,
            amount,
            row[self.i_name].strip()[:200],
            row[self.i_account].strip()[:64],
            row[self.i_remark].strip()[:500],
        )


FOOTER = ("合计", "总计", "小计", "Total")


def parse_reference(raw: bytes) -> tuple[list[ParsedLine], str]:
    """All lines of the statement, or StatementError naming every bad line (up to 20): the csv
    module, one row at a time. The reference the columnar reader (parse) must agree with, and what
    it falls back on for a file it does not take on (a field over csv's limit, a quoted field over
    several lines, an unusual dialect)."""
    _text, encoding, _dialect, header, header_row, rows, _offset, _reader = _read_head(raw)
    read_row = _RowReader(header)
    lines: list[ParsedLine] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    sha1, from_bytes = hashlib.sha1, int.from_bytes
    for row_no, row in enumerate(rows, start=header_row + 1):
        got = read_row(row, row_no)
        if got is None:
            continue
        if isinstance(got, str):
            if len(errors) < MAX_ERRORS:
                errors.append(got)
            continue
        row_no, booked_on, iso_day, amount, payer_name, payer_account, remark = got
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


# Python's str.strip() removes exactly these (Rust's whitespace differs by \x1c-\x1f)
_WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
# amounts the common case of parse_money reads: optional minus, digits, at most two decimals
_PLAIN_MONEY = r"^-?(?:[0-9]+(?:\.[0-9]{0,2})?|\.[0-9]{1,2})$"
# amounts with thousands separators that parse_money's general case reads as the same number with
# the commas removed: at most 12 digits before the point (never 1e12 or more), at most two after
_GROUPED_MONEY = r"^-?[0-9]{1,3}(?:,[0-9]{3}){1,3}(?:\.[0-9]{0,2})?$"
FRAME_COLUMNS = (
    "line_no",
    "booked_on",
    "amount",
    "payer_name",
    "payer_account",
    "remark",
    "invoice_ref",
    "fingerprint",
)


def _simply_quoted(dialect) -> str:
    """A (Rust) pattern for a line without its "\\n" whose every quoted field the csv module and
    polars read alike: the field opens with the quote (right after a delimiter or at the line's
    start) and ends with it (right before a delimiter, a "\\r" or the line's end), and inside it is
    no quote (or, with doublequote, only doubled ones, which both read as one quote). Unquoted fields
    hold no quote at all; a quote anywhere else (after a space, inside a field, never closed) is left
    to the csv module."""
    d, q = (f"\\x{{{ord(c):X}}}" for c in (dialect.delimiter, dialect.quotechar or '"'))
    inner = f"(?:[^{q}\\r\\n]|{q}{q})*" if dialect.doublequote else f"[^{q}\\r\\n]*"
    field = f"(?:[^{d}{q}\\r\\n]*|{q}{inner}{q})"
    return f"^{field}(?:{d}{field})*\\r?$"


def read(raw: bytes, with_fingerprints: bool = True):
    """(frame, encoding): the statement's lines as a polars DataFrame with FRAME_COLUMNS (booked_on
    a Date, amount exact text with two decimals, e.g. "-1060.00"), in file order; or StatementError
    exactly as parse_reference raises it. Without fingerprints, a frame read by the columnar rules
    has, in place of its fingerprints, each line's "identity" (fingerprinted() adds them).

    Columnar: GBK is transcoded to UTF-8 in one call, the rows after the header split by polars
    (the lines holding only simply quoted fields, see _simply_quoted, once more with the quote),
    dates parsed once per distinct text, plain amounts and amounts with thousands separators checked
    by a regex and converted to cents, invoice numbers extracted by a regex, all over whole columns.
    A row the columnar rules do not cover (any other quote, an amount in another form, an odd date,
    a footer, a blank row) is read by the reference's own row code; a file they cannot split line by
    line is read by parse_reference."""
    import numpy as np
    import polars as pl

    text, encoding, dialect, header, header_row, rows, offset, _reader = _read_head(raw)
    quote, delimiter = dialect.quotechar or '"', dialect.delimiter
    # the rows after the header as UTF-8 (what polars reads), looked at as bytes: a line break, a
    # carriage return, a NUL and an ASCII quote are the same single byte in the text and in UTF-8
    data = text[offset:].encode("utf-8")
    del text
    if (
        len(delimiter) != 1
        or delimiter in (quote, "\n", "\r")
        or len(quote) != 1
        or not quote.isascii()
        or dialect.escapechar
        or dialect.skipinitialspace
        or data.count(b"\r") != data.count(b"\r\n")
        or b"\x00" in data
    ):
        return _frame_of(*parse_reference(raw))
    physical = _Physical(data)  # the lines as data.split("\n") gives them (without a last empty one)
    if not physical.count:
        raise StatementError([str(_l("The statement holds no transactions."))])
    if physical.longest() > csv.field_size_limit():
        return _frame_of(*parse_reference(raw))  # a field csv refuses: the reference names its line
    read_row = _RowReader(header)
    n_columns = max(read_row.width, 1)
    options = dict(
        has_header=False,
        schema={f"c{i}": pl.String for i in range(n_columns)},
        separator=delimiter,
        truncate_ragged_lines=True,
        missing_utf8_is_empty_string=True,
        raise_if_empty=False,
        comment_prefix=None,
        rechunk=True,
    )
    frame = pl.read_csv(data, quote_char=None, **options)
    if frame.height != physical.count:
        return _frame_of(*parse_reference(raw))

    def cell(i):
        return (pl.col(f"c{i}").fill_null("") if i >= 0 else pl.lit("")).str.strip_chars(_WHITESPACE)

    texts = (
        cell(read_row.i_date).alias("date_text"),
        cell(read_row.i_amount if read_row.single else read_row.i_credit).alias("money_text"),
        (pl.lit("") if read_row.single else cell(read_row.i_debit)).alias("debit_text"),
        cell(read_row.i_name).str.slice(0, 200).alias("payer_name"),
        cell(read_row.i_account).str.slice(0, 64).alias("payer_account"),
        cell(read_row.i_remark).str.slice(0, 500).alias("remark"),
    )
    frame = frame.select(
        pl.int_range(header_row + 1, header_row + 1 + pl.len(), dtype=pl.Int64).alias("line_no"), *texts
    )
    # the lines holding a quote: those whose quotes are all simple (most often an amount quoted for
    # its thousands separators) are read again, by themselves, with the quote, and their texts
    # taken instead of the ones split without it; the others are left to the csv module (below)
    quoted = physical.holding(ord(quote))
    if data.startswith("\ufeff".encode()):
        quoted[0] = True  # polars drops a BOM opening what it reads, the csv module keeps it in the cell
    at = np.flatnonzero(quoted)
    taken, again = np.zeros(physical.count, dtype=bool), None
    if len(at) and dialect.quoting == csv.QUOTE_MINIMAL:
        starts, stops = physical.starts[at].tolist(), physical.stops[at].tolist()
        pieces = [data[a:b] for a, b in zip(starts, stops, strict=True)]
        lines = pl.Series(pieces, dtype=pl.Binary).cast(pl.String)
        simple = (lines.str.contains(_simply_quoted(dialect)) & ~lines.str.starts_with("\ufeff")).to_numpy()
        if simple.any():
            where = at[simple]
            again = pl.read_csv(b"\n".join(itertools.compress(pieces, simple)) + b"\n", quote_char=quote, **options)
            if again.height != len(where):  # (never seen) the csv module reads them
                again = None
            else:
                line_no = pl.Series("line_no", where + header_row + 1, dtype=pl.Int64)
                again = again.select(line_no, *texts, quoted=pl.lit(False), taken=pl.lit(False))
                taken[where] = True
    # quoted: not for the columnar rules as split; taken: read again (the rows of again)
    frame = frame.with_columns(pl.Series("quoted", quoted), pl.Series("taken", taken))
    if again is not None:
        frame = pl.concat([frame, again])  # the rows read again after all the others, sorted below
    # dates: a few dozen distinct texts in a million lines, each read by parse_date
    days = frame.get_column("date_text").unique()
    day_of = {t: (None if t.startswith(FOOTER) else parse_date(t)) for t in days.to_list()}
    frame = frame.with_columns(
        pl.col("date_text").replace_strict(list(day_of), list(day_of.values()), return_dtype=pl.Date).alias("booked_on")
    )
    money = pl.col("money_text")
    readable = (money.str.len_chars().lt(16) & money.str.contains(_PLAIN_MONEY)) | money.str.contains(_GROUPED_MONEY)
    if not read_row.single:
        readable = readable & pl.col("debit_text").eq("")
    columnar = readable & pl.col("booked_on").is_not_null() & ~pl.col("quoted")
    frame = frame.with_columns(columnar.alias("columnar"))
    fast = frame.filter(pl.col("columnar"))
    # cents: the digits without the point and the separators (parse_money removes every comma), as
    # an integer, times 100, 10 or 1 for no, one or two decimals after the point
    decimals = (money.str.len_bytes().cast(pl.Int64) - money.str.find(".", literal=True) - 1).fill_null(0)
    digits = money.str.replace_all(r"[.,]", "").cast(pl.Int64)
    cents = digits * pl.when(decimals == 0).then(100).when(decimals == 1).then(10).otherwise(1)
    fast = fast.with_columns(cents.alias("cents")).filter(pl.col("cents") != 0)
    fast = fast.select(
        "line_no",
        "booked_on",
        _cents_text(pl.col("cents")).alias("amount"),
        "payer_name",
        "payer_account",
        "remark",
    )
    # the other rows: the reference's row code on the csv module's reading of the line
    slow_rows, errors = [], []
    others = frame.filter(~pl.col("columnar") & ~pl.col("taken")).get_column("line_no").sort().to_list()
    for row_no in others:
        reader = csv.reader(iter((physical[row_no - header_row - 1] + "\n", "\n")), dialect)
        row = next(reader, [])
        if reader.line_num > 1:  # a quoted field goes on over the next line: the reference reads the file
            return _frame_of(*parse_reference(raw))
        got = read_row(row, row_no)
        if got is None:
            continue
        if isinstance(got, str):
            errors.append(got)
            continue
        row_no, booked_on, _iso, amount, payer_name, payer_account, remark = got
        slow_rows.append((row_no, booked_on, str(amount), payer_name, payer_account, remark))
    del frame, physical, data
    if errors:
        raise StatementError(errors[:MAX_ERRORS])
    if slow_rows or again is not None:
        slow = pl.DataFrame(slow_rows, schema=fast.schema, orient="row")
        fast = pl.concat([fast, slow]).sort("line_no")
    if fast.height == 0:
        raise StatementError([str(_l("The statement holds no transactions."))])
    return _finish(fast, with_fingerprints), encoding


class _Physical:
    """The physical lines of UTF-8 bytes, as str.split("\n") cuts the text (a last empty one left
    out), found by numpy over the bytes: no Python string per line."""

    def __init__(self, data: bytes):
        import numpy as np

        self.data = data
        self.bytes = np.frombuffer(data, dtype=np.uint8)
        breaks = np.flatnonzero(self.bytes == ord("\n"))
        self.count = len(breaks) + (1 if data and data[-1:] != b"\n" else 0)
        self.starts = np.concatenate(([0], breaks + 1))[: self.count]
        self.stops = np.concatenate((breaks, [len(data)]))[: self.count]

    def longest(self) -> int:
        """The length in characters of the longest line (its bytes are an upper bound: only lines
        longer in bytes than the longest one's characters could be are decoded)."""
        if not self.count:
            return 0
        lengths = self.stops - self.starts
        most = int(lengths.max())
        if most <= csv.field_size_limit():
            return most  # characters never outnumber bytes: under the limit either way
        return max(len(self[i]) for i in (lengths > csv.field_size_limit()).nonzero()[0].tolist())

    def holding(self, byte: int):
        """For each line, whether it holds this (ASCII) byte."""
        import numpy as np

        found = np.zeros(self.count, dtype=bool)
        where = np.flatnonzero(self.bytes == byte)
        found[np.searchsorted(self.stops, where)] = True  # the line whose break comes at or after it
        return found

    def __getitem__(self, i: int) -> str:
        return self.data[int(self.starts[i]) : int(self.stops[i])].decode("utf-8")


def _cents_text(cents):
    """Integer cents as the text str() gives the Decimal: "-1060.00", "0.50"."""
    import polars as pl

    whole = (cents.abs() // 100).cast(pl.String)
    part = (cents.abs() % 100).cast(pl.String).str.pad_start(2, "0")
    return pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit("")) + whole + pl.lit(".") + part


def _finish(lines, with_fingerprints: bool = True):
    """Invoice numbers and fingerprints for lines (line_no, booked_on, amount text, payer_name,
    payer_account, remark) in file order."""
    import polars as pl

    days = [day for day in lines.get_column("booked_on").unique().to_list() if day is not None]
    iso_day = pl.col("booked_on").replace_strict(days, [day.isoformat() for day in days], return_dtype=pl.String)
    identity = pl.concat_str([iso_day, "amount", "payer_account", "payer_name", "remark"], separator="|")
    lines = lines.with_columns(
        identity.alias("identity"),
        pl.col("remark").str.extract_groups(INVOICE_NUMBER_RUST).alias("groups"),
    )
    lines = lines.with_columns(
        pl.when(pl.col("groups").struct.field("1").is_not_null())
        .then(pl.lit("INV-") + pl.col("groups").struct.field("1") + pl.lit("-") + pl.col("groups").struct.field("2"))
        .otherwise(None)
        .alias("invoice_ref"),
    )
    # Python's IGNORECASE also folds "ı" and "İ" to "i": those few remarks are read by Python's pattern
    turkish = lines.get_column("remark").str.contains("[ıİ]")
    if turkish.any():
        references = lines.get_column("invoice_ref").to_list()
        remarks = lines.get_column("remark")
        for at in turkish.arg_true().to_list():
            references[at] = find_invoice_number(remarks[at])
        lines = lines.with_columns(pl.Series("invoice_ref", references, dtype=pl.String))
    # The same transaction in the next month's export gets the same fingerprint; two identical
    # transfers on one day differ by how-manieth they are: SHA-1 of "identity|occurrence", its first
    # 64 bits as a signed integer, computed by DuckDB (in memory) over the whole column.
    if not with_fingerprints:
        return lines.select(*FRAME_COLUMNS[:-1], "identity")
    return fingerprinted(lines)


def fingerprinted(lines):
    """A frame of read(raw, with_fingerprints=False) (its "identity" in place of the fingerprint)
    with its fingerprints, as read(raw) gives it."""
    return lines.select(*FRAME_COLUMNS[:-1], beside.fingerprints(lines.select("line_no", "identity")))


def _frame_of(lines: list[ParsedLine], encoding: str):
    import polars as pl

    frame = pl.DataFrame(
        [
            (
                x.line_no,
                x.booked_on,
                str(x.amount),
                x.payer_name,
                x.payer_account,
                x.remark,
                x.invoice_ref,
                x.fingerprint,
            )
            for x in lines
        ],
        schema={
            "line_no": pl.Int64,
            "booked_on": pl.Date,
            "amount": pl.String,
            "payer_name": pl.String,
            "payer_account": pl.String,
            "remark": pl.String,
            "invoice_ref": pl.String,
            "fingerprint": pl.Int64,
        },
        orient="row",
    )
    return frame, encoding


def lines_of(frame) -> list[ParsedLine]:
    """The frame read() gives as ParsedLine tuples, amounts as Decimal."""
    return [
        ParsedLine(line_no, booked_on, Decimal(amount), name, account, remark, reference, fingerprint)
        for line_no, booked_on, amount, name, account, remark, reference, fingerprint in frame.iter_rows()
    ]


def parse(raw: bytes) -> tuple[list[ParsedLine], str]:
    """All lines of the statement, or StatementError naming every bad line (up to 20): read()'s
    columnar reading as ParsedLine tuples, identical to parse_reference's."""
    frame, encoding = read(raw)
    return lines_of(frame), encoding
