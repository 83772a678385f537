"""Invoice PDFs (fpdf2), A4, bilingual labels, Chinese set in the font shipped in pricing/fonts.

No system font and no network is needed: NotoSansSC-Subset.ttf (built by pricing/fonts/build_font.py)
covers ASCII, common punctuation and all of GB 2312. fpdf2 embeds only the glyphs a document uses.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode, XPos, YPos

from core.money import quantize
from core.timeutil import to_display
from finance.money_rules import owed
from finance.services.invoices import status_of

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-Subset.ttf"
FONT = "NotoSansSC"

STATUS_LABELS = {
    "issued": ("已开具", "Issued"),
    "partially_paid": ("部分付款", "Partially paid"),
    "paid": ("已付款", "Paid"),
    "overdue": ("已逾期", "Overdue"),
    "void": ("已作废", "Void"),
}

INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (206, 212, 218)
SHADE = (241, 243, 245)
RED = (200, 35, 51)


def fmt_money(value) -> str:
    """¥1,234.50: Decimal, 2 places, thousands separators (never a float)."""
    return f"¥{quantize(Decimal(str(value))):,.2f}"


def fmt_rate(rate) -> str:
    """0.0600 -> 6%, 0.0650 -> 6.5%."""
    percent = (Decimal(str(rate)) * 100).normalize()
    return f"{percent:f}%"


def _status(invoice) -> str:
    return status_of(invoice)


class _InvoicePDF(FPDF):
    def __init__(self, english: bool, number: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.english = english
        self.number = number
        self.void = False
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=20)
        self.add_font(FONT, "", str(FONT_PATH))
        self.set_font(FONT, size=10)
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        self.set_title(f"{'Invoice' if english else '发票'} {number}")
        self.set_creator("pricing.pdf (fpdf2)")
        self.set_lang("en" if english else "zh-CN")

    def label(self, zh: str, en: str) -> str:
        """Both languages, the reader's first."""
        return f"{en} {zh}" if self.english else f"{zh} {en}"

    def footer(self):
        self.set_y(-14)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.number}", align=Align.L)
        if self.void:
            self.set_x(self.l_margin)
            self.set_text_color(*RED)
            self.cell(0, 5, self.label("已作废", "VOID"), align=Align.C)
            self.set_text_color(*MUTED)
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align=Align.R)
        self.set_text_color(*INK)


def invoice_pdf(invoice, english: bool) -> bytes:
    """The invoice as an A4 PDF; `english` puts English labels first (the data stays as stored)."""
    status = _status(invoice)
    pdf = _InvoicePDF(english, invoice.number)
    pdf.void = status == "void"
    pdf.add_page()
    width = pdf.epw

    # title and number
    pdf.set_font(FONT, size=22)
    pdf.cell(width / 2, 12, "Invoice" if english else "发票", new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_font(FONT, size=12)
    pdf.cell(width / 2, 12, invoice.number, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_text_color(*MUTED)
    pdf.cell(width / 2, 5, "发票 Invoice" if english else "Invoice", new_x=XPos.RIGHT, new_y=YPos.TOP)
    status_zh, status_en = STATUS_LABELS.get(status, (status, status))
    pdf.set_text_color(*(RED if status in ("void", "overdue") else INK))
    pdf.cell(
        width / 2,
        5,
        f"{pdf.label('状态', 'Status')}: {pdf.label(status_zh, status_en)}",
        align=Align.R,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(*INK)
    pdf.ln(3)
    _rule(pdf)
    pdf.ln(4)

    # parties
    seller = invoice.seller
    half = width / 2 - 4
    top = pdf.get_y()
    _party(
        pdf,
        pdf.l_margin,
        half,
        pdf.label("销售方", "Seller"),
        seller.name_zh,
        seller.name_en if english else None,
        pdf.label("代码", "Code"),
        seller.code,
    )
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + width / 2 + 4, top)
    _party(
        pdf,
        pdf.l_margin + width / 2 + 4,
        half,
        pdf.label("购买方", "Buyer"),
        invoice.buyer_name,
        None,
        pdf.label("统一社会信用代码", "Credit code"),
        invoice.buyer_credit_code,
    )
    pdf.set_y(max(left_bottom, pdf.get_y()) + 3)

    # dates and references
    issued = to_display(invoice.issued_at)
    facts = [
        (pdf.label("开票日期", "Issue date"), f"{issued:%Y-%m-%d %H:%M} (UTC+8)"),
        (pdf.label("付款期限", "Due date"), _date(invoice.due_on)),
        (pdf.label("协议编号", "Agreement"), invoice.agreement.number if invoice.agreement else ""),
        (pdf.label("币种", "Currency"), "CNY 人民币"),
    ]
    pdf.set_fill_color(*SHADE)
    for caption, value in facts:
        pdf.set_font(FONT, size=9)
        pdf.set_text_color(*MUTED)
        pdf.cell(55, 6.5, f"  {caption}", fill=True)
        pdf.set_text_color(*INK)
        pdf.set_font(FONT, size=10)
        pdf.cell(width - 55, 6.5, value, fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    # lines
    _lines_table(pdf, invoice.lines or [])
    pdf.ln(4)

    # sums, right-aligned block
    sums = [
        (pdf.label("金额(不含税)", "Net"), fmt_money(invoice.net), False),
        (
            pdf.label(f"税额 {fmt_rate(invoice.vat_rate)}", f"VAT {fmt_rate(invoice.vat_rate)}"),
            fmt_money(invoice.vat),
            False,
        ),
        (pdf.label("价税合计", "Total (incl. VAT)"), fmt_money(invoice.total), True),
    ]
    paid = Decimal(str(invoice.paid or 0))
    if paid > 0:
        sums.append((pdf.label("已付", "Paid"), fmt_money(paid), False))
        sums.append(
            (
                pdf.label("未付", "Outstanding"),
                fmt_money(owed(Decimal(str(invoice.total)), paid, invoice.status)),
                False,
            )
        )
    block = 100
    for caption, value, strong in sums:
        pdf.set_x(pdf.l_margin + width - block)
        if strong:
            _rule(pdf, pdf.l_margin + width - block, width=block)
            pdf.ln(1)
            pdf.set_x(pdf.l_margin + width - block)
        pdf.set_font(FONT, size=12 if strong else 10)
        pdf.cell(block - 40, 7, caption)
        pdf.cell(40, 7, value, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_x(pdf.l_margin + width - block)
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        block,
        4.5,
        align=Align.L,
        text=pdf.label(
            f"价税合计为含税金额，税额按 {fmt_rate(invoice.vat_rate)} 从合计中计算。",
            f"Amounts in CNY. VAT at {fmt_rate(invoice.vat_rate)} is included in the total.",
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(*INK)

    if status == "void":
        pdf.ln(6)
        _void_notice(pdf, invoice)
        _void_watermark(pdf)

    pdf.alias_nb_pages()
    return bytes(pdf.output())


def _rule(pdf, x=None, width=None):
    x = pdf.l_margin if x is None else x
    width = pdf.epw if width is None else width
    y = pdf.get_y()
    pdf.line(x, y, x + width, y)


def _date(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _party(pdf, x, width, heading, name, name_en, code_caption, code):
    pdf.set_x(x)
    pdf.set_font(FONT, size=9)
    pdf.set_text_color(*MUTED)
    pdf.cell(width, 5.5, heading, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=12)
    pdf.set_x(x)
    pdf.multi_cell(width, 6.5, name or "", new_x=XPos.LEFT, new_y=YPos.NEXT)
    if name_en:
        pdf.set_font(FONT, size=9)
        pdf.set_x(x)
        pdf.multi_cell(width, 5, name_en, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=9)
    pdf.set_x(x)
    pdf.set_text_color(*MUTED)
    pdf.cell(width, 5.5, f"{code_caption}: ", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, size=10)
    pdf.set_x(x)
    pdf.cell(width, 5.5, code or "", new_x=XPos.LEFT, new_y=YPos.NEXT)


def _lines_table(pdf, lines):
    headings = (
        pdf.label("项目", "Description"),
        pdf.label("数量", "Qty"),
        pdf.label("单价", "Unit price"),
        pdf.label("金额", "Amount"),
    )
    pdf.set_font(FONT, size=9.5)
    pdf.set_fill_color(255)  # the table's rows take the current fill colour as their background
    with pdf.table(
        col_widths=(86, 20, 34, 34),
        text_align=(Align.L, Align.R, Align.R, Align.R),
        line_height=6.5,
        padding=(1.8, 2),
        headings_style=_heading_style(),
        borders_layout="HORIZONTAL_LINES",
        cell_fill_mode=TableCellFillMode.NONE,
        first_row_as_headings=True,
    ) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        for line in lines:
            row = table.row()
            row.cell(str(line.get("description", "")))
            row.cell(str(line.get("quantity", 1)))
            row.cell(fmt_money(line.get("unit_price", "0")))
            row.cell(fmt_money(line.get("amount", "0")))


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="", size_pt=9, color=MUTED, fill_color=SHADE)


def _void_watermark(pdf):
    """A large translucent diagonal VOID across page 1, drawn last so no fill hides it and
    light enough that everything under it stays readable."""
    page = pdf.page
    pdf.page = 1
    with pdf.local_context(text_color=RED, fill_opacity=0.16):
        pdf.set_font(FONT, size=80)
        text = "VOID 作废"
        cx, cy = pdf.w / 2, 125
        with pdf.rotation(30, x=cx, y=cy):
            pdf.text(cx - pdf.get_string_width(text) / 2, cy + 10, text)
    pdf.page = page
    pdf.set_font(FONT, size=10)


def _void_notice(pdf, invoice):
    voided = to_display(invoice.voided_at) if invoice.voided_at else None
    pdf.set_draw_color(*RED)
    pdf.set_text_color(*RED)
    pdf.set_line_width(0.5)
    pdf.set_font(FONT, size=12)
    heading = pdf.label("本发票已作废", "VOID: this invoice has been cancelled")
    if voided:
        heading += f" ({voided:%Y-%m-%d %H:%M} UTC+8)"
    pdf.multi_cell(
        0,
        7,
        heading,
        border="LTR",
        align=Align.L,
        padding=(2, 3, 0, 3),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(
        0,
        6,
        f"{pdf.label('作废原因', 'Reason')}: {invoice.void_reason or '-'}",
        border="LBR",
        align=Align.L,
        padding=(1, 3, 2, 3),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*RULE)
    pdf.set_text_color(*INK)
