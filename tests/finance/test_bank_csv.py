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
