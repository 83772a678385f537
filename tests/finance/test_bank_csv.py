"""Identical books: the columnar reader (bank_csv.parse/read) gives exactly the lines, fingerprints
and error messages of the csv module's per-line reference (bank_csv.parse_reference), for UTF-8
and GBK statements with odd dates, amounts, footers, quotes, duplicates and bad lines."""

import pytest

from finance import bank_csv

HEADER = "交易日期,交易金额,对方户名,对方账号,附言"
MIXED_ROWS = [
    "2026-11-03,1060.00,成都甲数据科技有限公司,6222000011112222,支付INV-2026-000001数据服务费",
    '2026/11/04,"1,060.00",成都乙信息技术有限公司, 6222 ,inv 2026 000002 首付款',
    "",
    "2026-11-03,1060.00,成都甲数据科技有限公司,6222000011112222,支付INV-2026-000001数据服务费",
    "20261105,(5.00),丙,1,INV_2026_000003",
    "2026年11月6日,￥12.5,丁,2,ınv-2026-000004",
    "2026.11.07, 88.8 ,某某个人,3,咨询 ",
    "2026-11-08 09:30:00,-500.00,国家金库成都市支库,,上缴国有资本收益",
    "2026-11-09T10:00,.5,a,b,c",
    "2026-11-09,-7.,a,b,c",
    "2026-11-09,0.00,a,b,zero is skipped",
    "2026-11-09,007.10,a,b,leading zeros",
    '2026-11-10,3,"名称,带逗号","6222","他说""好"""',
    "2026-11-10,4,short row",
    "2026-11-10,5,a,b,c,extra,cells",
    "  ",
    "2026-11-11,999999999999.99,a,b,big",
    "2026-11-11,\u30001.00\u3000,a,b,ideographic spaces",
    "合计,1234.00,,,",
]


def statement(rows, encoding="utf-8", header=HEADER, preamble=True, newline="\r\n"):
    lines = ["账号:,51001234567890000001", "户名:,成都市大数据集团股份有限公司", ""] if preamble else []
    return (newline.join([*lines, header, *rows]) + newline).encode(encoding)


def both(raw):
    """(reference, columnar): each the lines and encoding, or the StatementError's messages."""
    answers = []
    for reader in (bank_csv.parse_reference, bank_csv.parse):
        try:
            answers.append(reader(raw))
        except bank_csv.StatementError as exc:
            answers.append(("error", exc.messages))
    return answers


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_a_mixed_statement_reads_the_same_both_ways(ctx, encoding):
    rows = MIXED_ROWS if encoding != "gbk" else [r for r in MIXED_ROWS if "ı" not in r]
    reference, columnar = both(statement(rows, encoding))
    assert reference[0] != "error"
    assert columnar == reference
    lines, found = columnar
    assert found == ("gbk" if encoding == "gbk" else "utf-8")
    by_remark = {x.remark: x for x in lines}
    assert by_remark["leading zeros"].amount == bank_csv.Decimal("7.10")
    assert sorted(str(x.amount) for x in lines if x.remark == "c") == ["-7.00", "0.50", "5.00"]
    assert by_remark["inv 2026 000002 首付款"].invoice_ref == "INV-2026-000002"
    assert by_remark["inv 2026 000002 首付款"].payer_account == "6222"
    assert "zero is skipped" not in by_remark
    twins = [x for x in lines if x.remark == "支付INV-2026-000001数据服务费"]
    assert len(twins) == 2 and twins[0].fingerprint != twins[1].fingerprint


def test_the_columnar_reader_does_not_fall_back_on_an_ordinary_statement(ctx, monkeypatch):
    raw = statement([r for r in MIXED_ROWS if "ı" not in r], "gbk")
    expected = bank_csv.parse_reference(raw)

    def refused(_raw):
        raise AssertionError("fell back on the reference reader")

    monkeypatch.setattr(bank_csv, "parse_reference", refused)
    assert bank_csv.parse(raw) == expected


@pytest.mark.parametrize(
    "rows, header",
    [
        # bad lines: every message names its line, the same both ways
        (["2026-11-03,1.005,a,b,c", "2026-13-01,1,a,b,c", "xx,1,a,b,c", "2026-11-03,abc,a,b,c"], HEADER),
        ([",,,,"], HEADER),
        ([f"2026-11-{d:02d},1.001,a,b,c" for d in range(1, 26)], HEADER),  # 25 bad lines: the first 20 named
        (["2026-11-03,0,a,b,c"], HEADER),  # no transactions
        (["2026-11-03,1,a,b,c"], "日期,摘要"),  # no header
        # separate 贷方 / 借方 columns
        (
            ["2026-11-03,100.00,,A,B", "2026-11-03,,50.00,A,B", "2026-11-03,1,1,A,B", "2026-11-03,,,A,B"],
            "日期,贷方发生额,借方发生额,对方户名,摘要",
        ),
        # a quoted field over two lines: read by the reference itself
        (['2026-11-03,1,"two\nlines",1,2', "2026-11-04,2,a,b,c"], HEADER),
        # an unclosed quote at the end
        (['2026-11-03,1,a,b,"open'], HEADER),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_odd_statements_read_the_same_both_ways(ctx, rows, header, encoding):
    reference, columnar = both(statement(rows, encoding, header=header))
    assert columnar == reference


QUOTED_ROWS = [
    '2026-11-03,"1,060.00",成都甲数据科技有限公司,6222,"支付INV-2026-000001, 首期"',
    '2026-11-03,"-12,345,678.9","名称,带逗号",1,x',
    '"2026-11-04","999,999,999,999.99",a,b,grouped to the limit',
    '2026-11-04,"1,000",a,"",an empty quoted field',
    '2026-11-04,"1,0,6,0",a,b,odd grouping',
    '2026-11-04,"1,000.",a,b,a point and no decimals',
    '2026-11-05,7.00, "a",b,a space before the quote',
    '2026-11-05,8.00,"a" ,b,a space after the quote',
    '2026-11-05,9,"a""b",c,a doubled quote',
    '2026-11-05,10,a"b,c,a quote inside a field',
    '2026-11-05,"1,234.50",a,b,"third, fourth",extra,"cells, more"',
]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_quoted_fields_and_grouped_amounts_read_the_same_both_ways(ctx, encoding, newline):
    reference, columnar = both(statement(QUOTED_ROWS, encoding, newline=newline))
    assert reference[0] != "error" and len(reference[0]) == len(QUOTED_ROWS)
    assert columnar == reference


@pytest.mark.parametrize(
    "amount",
    ['"1,234,567,890,123.00"', '"1,234.567"', '",123.00"', '"1,23.00"', '"-"', '"(1,000.00)"', ' "7.00"', '"8.00" '],
)
def test_odd_grouped_amounts_read_the_same_both_ways(ctx, amount):
    reference, columnar = both(statement([f"2026-11-03,{amount},a,b,c", "2026-11-03,1,a,b,c"]))
    assert columnar == reference


def test_tab_separated_lf_without_preamble_reads_the_same(ctx):
    rows = ['2026-11-03\t1\tA\t"q""x"', "2026-11-03\t2\tA\tx", "2026-11-03\t2\tA\tx"]
    raw = statement(rows, header="交易日期\t金额\t付款人\t备注", preamble=False, newline="\n")
    reference, columnar = both(raw)
    assert reference[0] != "error" and len(reference[0]) == 3
    assert columnar == reference


def test_a_field_over_the_csv_limit_is_named_the_same_both_ways(ctx):
    rows = ["2026-11-03,1,a,b,c", "2026-11-03,1,a,b," + "x" * 140_000]
    reference, columnar = both(statement(rows))
    assert reference[0] == "error"
    assert columnar == reference


def test_simply_quoted_rows_are_read_in_columnar_form(ctx, monkeypatch):
    """Rows whose quotes all enclose whole cells, amounts with thousands separators among them, are
    split and read by the columnar rules: neither the reference nor its row code is asked."""
    rows = [
        '2026-10-05,"1,234.56",成都基准测试12号科技有限公司,6222000011112222,支付INV-2026-000123数据服务费',
        '2026-10-05,"-12,345,678.9","名称,带逗号","","他说""好"""',
        '"2026-10-06","1,000.",a,"b","c, d"',
        '2026-10-06,"999,999,999,999.99"," 甲 ",b,"  spaces inside the quotes  "',
        '2026-10-06,"0,000.00",a,b,a zero: skipped',
        '2026-10-07,"1,000",a,b,c,"extra, cells",more',
        '2026-10-07,"5",a',
        "2026-10-08,1060.00,a,b,c",
    ]
    for newline, encoding in (("\r\n", "gbk"), ("\n", "utf-8")):
        raw = statement(rows, encoding, newline=newline)
        expected = bank_csv.parse_reference(raw)

        def refused(*_args):
            raise AssertionError("read by the reference or its row code")

        with monkeypatch.context() as patched:
            patched.setattr(bank_csv, "parse_reference", refused)
            patched.setattr(bank_csv._RowReader, "__call__", refused)
            assert bank_csv.parse(raw) == expected
        amounts = [str(x.amount) for x in expected[0]]
        assert amounts == ["1234.56", "-12345678.90", "1000.00", "999999999999.99", "1000.00", "5.00", "1060.00"]
        assert expected[0][1].payer_name == "名称,带逗号" and expected[0][1].remark == '他说"好"'


@pytest.mark.parametrize(
    "delimiter, rows",
    [
        (";", ['2026-11-03;"1,234.56";"名称;带分号";1;x', "2026-11-03;1,234.00;a;b;unquoted separators"]),
        ("\t", ['2026-11-03\t"1,234.56"\t"名称\t带制表符"\t1\tx', "2026-11-03\t-1,234\ta\tb\tunquoted separators"]),
        ("|", ['2026-11-03|"1,234.56"|"a|b"|1|x', '2026-11-03|"7"|a|""|"q""q"']),
    ],
)
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_other_delimiters_with_quoted_cells_read_the_same(ctx, delimiter, rows, newline):
    header = HEADER.replace(",", delimiter)
    raw = statement([*rows, *rows], header=header, preamble=False, newline=newline)
    reference, columnar = both(raw)
    assert reference[0] != "error" and len(reference[0]) == 2 * len(rows)
    assert columnar == reference


@pytest.mark.parametrize(
    "row",
    [
        '\ufeff2026-11-03,"1,000.00",a,b,a BOM opening the first row',
        "\ufeff2026-11-03,1000.00,a,b,a BOM opening the first row, no quote",
        '\ufeff"2026-11-03","1,000.00",a,b,c',
        '2026-11-03,"1,000.00",a,b,"c',  # a quote never closed
        '2026-11-03,"1,000.00",a,b,"c\nd"',  # a quoted cell over two lines
        '2026-11-03,"1,000.00",a,b,"c"d',  # text after the closing quote
        '2026-11-03,"1,000.00",a,b,"c" ',
        '2026-11-03, "1,234.00",a,b,c',  # a space before the quote: csv splits inside it
        '2026-11-03,"1,234.00" ,a,b,c',
        '2026-11-03,"1,234.00"\t,a,b,c',
        '2026-11-03,"1,000.00","a"b",c,d',
        '2026-11-03,"1,000.00","a""",b,c',
        '2026-11-03,"1,000.00",""",b,c',
        '2026-11-03,"1,000.00",a,b,""""',
        '2026-11-03,"1,000.00",a,b,""',
        "2026-11-03,\"1,000.00\",a,b,'single'",
        '2026-11-03,"1,000.00\r",a,b,c',
        '2026-11-03,"\u30001,000.00\u3000",a,b,ideographic spaces inside the quotes',
        '2026-11-03,"1,000.00\u001c",a,b,a separator csv strips and Rust does not',
        '2026-11-03,"（1,000.00）",a,b,c',
        '2026-11-03,"¥1,000.00",a,b,c',
        '2026-11-03,"1，000.00",a,b,c',
        '2026-11-03,"1 000.00",a,b,c',
        '2026-11-03,"1,000.001",a,b,c',
        '2026-11-03,"1,000,000,000,000.00",a,b,c',
        '2026-11-03,"0,001,000,000,000.00",a,b,c',
        '2026-11-03,"-0,000.00",a,b,c',
        '2026-11-03,"1,00",a,b,c',
        '2026-11-03,"1,0000.00",a,b,c',
        '2026-11-03,"--1,000.00",a,b,c',
        '2026-11-03,"+1,000.00",a,b,c',
        '2026-11-03,"1,000.00-",a,b,c',
        '2026-11-03,"١,٠٠٠.٠٠",a,b,Arabic-Indic digits',
        '"合计","1,000.00",,,',
        '"","","","",""',
        '"2026-13-03","1,000.00",a,b,c',
    ],
)
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_odd_quotes_read_the_same_both_ways(ctx, row, newline):
    rows = [row, '2026-11-04,"2,000.00",a,b,c', "2026-11-04,3,a,b,c", row]
    if row.startswith("\ufeff"):
        rows = rows[:-1]
    reference, columnar = both(statement(rows, newline=newline))
    assert columnar == reference


def _random_statement(rng):
    """A statement of random rows: cells drawn from pieces that the csv module reads in many ways
    (quotes whole, in the middle, doubled, around delimiters, over two lines, after spaces)."""
    delimiter = rng.choice([",", ",", "\t", ";"])
    quote = '"'
    d = delimiter
    dates = ["2026-11-03", "2026/11/04", '"2026-11-05"', "20261106", "2026-13-01", "合计", "", '""', ' "2026-11-03"']
    amounts = [
        "1060.00",
        "-7.5",
        '"1,234.56"',
        '"-12,345.6"',
        '"1,000"',
        '"1,000."',
        '"0,000.00"',
        '"999,999,999,999.99"',
        '"1,000,000,000,000.00"',
        '"1,23.00"',
        '" 1,234.00 "',
        ' "1,234.00"',
        '"1,234.00" ',
        '"(1,234.00)"',
        '"￥1,234.00"',
        "1,234.00",
        '"12.5"',
        '""',
        "(5.00)",
    ]
    cells = [
        "a",
        "",
        " ",
        "成都甲数据科技有限公司",
        f'"名称{d}带分隔"',
        f'"a""b{d}c"',
        '""',
        '""""',
        'a"b',
        '"a"b',
        '"a" ',
        ' "a"',
        '"',
        '"x\ny"',
        "\u3000",
        '"\u3000x\u3000"',
        '"\x1cx\x1f"',  # separators Python's strip() removes and Rust's does not
        "支付INV-2026-000123",
        '"inv 2026 000124"',
        "'q'",
        '"\t"',
        "6222000011112222",
    ]
    clean = rng.random() < 0.6  # clean statements keep their dates and amounts readable
    rows = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.05:
            rows.append(rng.choice(["", "  ", quote, quote * 2]))
            continue
        if clean:
            date, amount = rng.choice(dates[:4]), rng.choice(amounts[:8] + ['"12.5"', "1060.00"])
        else:
            date, amount = rng.choice(dates), rng.choice(amounts)
        rest = [rng.choice(cells) for _ in range(rng.choice([1, 3, 3, 3, 4]))]
        if clean:
            rest = [c for c in rest if c.count(quote) % 2 == 0 or c == '"x\ny"']
        rows.append(d.join([date, amount.replace(",", d) if d != "," and "." not in amount else amount, *rest]))
    newline = rng.choice(["\r\n", "\n"])
    encoding = rng.choice(["utf-8", "gbk"])
    header = HEADER.replace(",", d)
    return statement(rows, encoding, header=header, preamble=d == "," and rng.random() < 0.5, newline=newline)


def test_random_statements_with_quotes_read_the_same_both_ways(ctx):
    import random

    rng = random.Random(20261130)
    clean = 0
    for _ in range(400):
        raw = _random_statement(rng)
        reference, columnar = both(raw)
        assert columnar == reference, raw.decode("gb18030", errors="replace")
        clean += reference[0] != "error"
    assert clean > 100  # most runs compare lines, not only messages


@pytest.mark.parametrize("doubled", [False, True])
def test_doubled_quotes_read_as_the_sniffed_dialect_says(ctx, doubled):
    """The Sniffer says doublequote only when its sample (the first 4,096 characters) holds a
    doubled quote; without it the csv module reads "a""b" as a"b" followed by the quote (the
    second quote closes the cell, the rest is text up to the delimiter), not as a"b."""
    head = ['2026-11-03,"1,234.56","a""b",c,d'] if doubled else []
    rows = [*head, *['2026-11-03,"1,234.56",a,b,c'] * 200, '2026-11-04,"2,000.00","a""b",c,d', '2026-11-04,1,"""",c,d']
    reference, columnar = both(statement(rows))
    assert reference[0] != "error"
    assert [x.payer_name for x in reference[0][-2:]] == (['a"b', '"'] if doubled else ['a"b"', '""'])
    assert columnar == reference
