"""Build pricing/fonts/NotoSansSC-Subset.otf, the font the invoice PDFs embed.

The PDFs must show Chinese on any machine, with no network and no system fonts, so the font
ships in the repository. It is cut from Noto Sans CJK (SIL Open Font License 1.1, see
LICENSE-OFL.txt beside this file) as Debian packages it (fonts-noto-cjk):

    apt-get install -y fonts-noto-cjk
    .venv/bin/python pricing/fonts/build_font.py            # or give the .ttc path as argument

Steps:
1. Take the Simplified Chinese face ("Noto Sans CJK SC") out of the collection
   /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc.
2. Subset it with fontTools to: ASCII, Latin-1 punctuation and symbols (U+00A0-U+00BF, × ÷),
   general punctuation (U+2000-U+206F), CJK symbols and punctuation (U+3000-U+303F), half- and
   full-width forms (U+FF00-U+FFEF), and every character of GB 2312 (found by decoding all valid
   GB 2312 byte pairs with Python's 'gb2312' codec): the 6,763 hanzi plus its 682 symbols.
   Layout tables (GSUB/GPOS...) are dropped: fpdf2 places glyphs by their advance widths.
3. Convert the CFF (cubic) outlines to TrueType (quadratic) outlines with fontTools' cu2qu
   (max error 1/1000 em, invisible at any print size) and write NotoSansSC-Subset.ttf.
   fpdf2 2.8 could embed the CID-keyed CFF font as it is (CIDFontType0, 1.6 MB), but it then
   writes a custom encoding CMap whose codes do not match its /W widths array, and text
   extractors that read /W by code (pypdf) break every word into spaced letters. TrueType goes
   through fpdf2's long-standing CIDFontType2 + Identity-H path: copy, search and text
   extraction work everywhere, for ~2 MB instead of 1.6 MB.

Characters outside this set (e.g. rare hanzi outside GB 2312 in a company name) render as the
font's empty .notdef glyph; add them to EXTRA below and re-run the script to include them.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FAMILY = "Noto Sans CJK SC"
TARGET = Path(__file__).resolve().parent / "NotoSansSC-Subset.ttf"
EXTRA = ""  # characters to add beyond the ranges below


def gb2312_chars() -> set[str]:
    """Every character GB 2312 encodes: lead and trail bytes 0xA1-0xFE, decoded one pair at a time."""
    chars = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def wanted_codepoints() -> set[int]:
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xBF),  # Latin-1 punctuation and symbols (¥ § © ° ± · ...)
        (0x2000, 0x206F),  # general punctuation (— ‘ ’ “ ” … ‰)
        (0x3000, 0x303F),  # CJK symbols and punctuation (、 。 《 》 【 】)
        (0xFF00, 0xFFEF),  # half- and full-width forms ((,) : ¥ ...)
    ]
    points = {cp for lo, hi in ranges for cp in range(lo, hi + 1)}
    points |= {0xD7, 0xF7}  # × ÷
    gb = gb2312_chars()
    hanzi = {c for c in gb if "\u4e00" <= c <= "\u9fff"}
    assert len(hanzi) == 6763, len(hanzi)
    points |= {ord(c) for c in gb}
    points |= {ord(c) for c in EXTRA}
    return points


def face(collection_path: str):
    collection = TTCollection(collection_path)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{FAMILY} not found in {collection_path}")


def to_truetype(font) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines (in place)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    max_err = font["head"].unitsPerEm / 1000
    for name in order:
        pen = TTGlyphPen(glyphs)
        # CFF contours run counter-clockwise, TrueType ones clockwise
        glyphs[name].draw(Cu2QuPen(pen, max_err=max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    font["post"].formatType = 3.0  # no glyph names (the CID names are of no use in a PDF)
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def build(collection_path: str = SOURCE, target: Path = TARGET) -> Path:
    font = face(collection_path)
    options = subset.Options()
    options.layout_features = []  # no shaping in fpdf2's default text path
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_bounds = True
    options.hinting = False  # PDF viewers rasterise well without CFF hints; smaller file
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    to_truetype(font)
    font.recalcTimestamp = False  # keep the source's dates: the same input gives the same bytes
    font.save(str(target))
    return target


if __name__ == "__main__":
    out = build(*sys.argv[1:2])
    cmap = TTFont(str(out))["cmap"].getBestCmap()
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(cmap):,} characters)")
