"""Build the shipped catalog seed: catalog/seed/departments.json and catalog/seed/categories.json.

Provenance of the seed data. Chengdu's public-data operation platform supplied "40 government
departments, 457 data categories, about 165 million records" (shared/seed/chengdu-model.zh.txt).
The real catalog is not public, so the files in data/ state a plausible one explicitly:

- departments.csv: 40 real Chengdu municipal departments (official Chinese and English names) and
  the system each mostly compiles its data from.
- fields.csv / field_groups.json: reusable column definitions that the categories pick from
  ("name, 中文标签, English label, type"; the type is left empty where the name's suffix says it,
  see field_type: *_date/_from/_to/_start/_end -> date, *_at/_time -> datetime, *_year/_count ->
  integer, is_*/has_* -> boolean, units such as _m2/_km/_wan/_pct/_t -> decimal, geom -> geometry,
  else string). A group ("@ent") stands for several fields.
- entries.json: per department, hand-written catalog entries (政务数据资源目录条目), each:
  name_zh, name_en, theme, access (openness letter + grade letter: U/C/X and g/i/k, e.g. "Cg" =
  conditional / general), freq, approx (the order of magnitude of the record count), fields (field
  names and @groups), kw_zh (keywords separated by spaces), kw_en (by ";"), rec_zh / rec_en (what
  one record is: completes "每条记录为…" / "Each record is …"), use (a key of uses.csv); optionally
  area (a key of areas.csv), start / end (ISO dates of the time coverage), sys (source system, zh and
  en), fixed (a registry whose size is publicly known: its count is only jittered, never scaled).
- themes.csv, frequency_phrases.csv, uses.csv, areas.csv: the vocabularies. The theme labels are
  the ones the platform shows (catalog/vocab.py and its translations; a test holds them together).

A small generator fills in what is not hand-written: record counts (jittered from the given
magnitude; the categories of a million records or more are scaled together so the total is ~165
million, while a few well-known registries keep their real size), dates, formats and the
descriptions (built from each entry's record phrase, source system, fields and use).

Run with `python tools/seed/build_seed.py [output directory]` (default: catalog/seed/); output is
deterministic (random.Random(2026)). tests/tools/test_seed_builder.py checks that it reproduces
the shipped files byte for byte.
"""

import csv
import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SHIPPED = HERE.parent.parent / "catalog" / "seed"
SEED = 2026
TARGET_RECORDS = 165_000_000  # "约1.65亿条数据"

OPENNESS = {"U": "unconditional", "C": "conditional", "X": "closed"}
GRADE = {"g": "general", "i": "important", "k": "core"}


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _pairs(name: str, key: str, zh: str, en: str) -> dict[str, tuple[str, str]]:
    return {row[key]: (row[zh], row[en]) for row in _rows(name)}


THEMES = _pairs("themes.csv", "code", "label_zh", "label_en")
FREQUENCY_PHRASE = _pairs("frequency_phrases.csv", "code", "zh", "en")
USES = _pairs("uses.csv", "key", "zh", "en")
AREAS = _pairs("areas.csv", "key", "zh", "en")
DEPARTMENTS = [tuple(row.values()) for row in _rows("departments.csv")]
FIELD_GROUPS = json.loads((DATA / "field_groups.json").read_text(encoding="utf-8"))
CATEGORIES = json.loads((DATA / "entries.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------

UNIT_SUFFIXES = (
    "_m2",
    "_km",
    "_km2",
    "_mu",
    "_ha",
    "_wan",
    "_100m",
    "_usd",
    "_cny",
    "_yuan",
    "_pct",
    "_kg",
    "_t",
    "_m",
    "_mm",
    "_cm",
    "_kwh",
    "_kw",
    "_ka",
    "_tce",
    "_m3",
    "_m3d",
    "_m3s",
    "_hpa",
    "_ntu",
    "_db",
)
FORMAT_ORDER = ["csv", "json", "xlsx", "xml", "api", "shp"]
PROPER_WORDS = ("Nice", "Tianfu", "Chengdu", "Golden")


def field_type(key, explicit):
    if explicit:
        return explicit
    if key == "geom":
        return "geometry"
    if key.startswith(("is_", "has_")):
        return "boolean"
    if key.endswith(("_date", "_from", "_to", "_start", "_end")):
        return "date"
    if key.endswith(("_at", "_time")):
        return "datetime"
    if key.endswith("_year") or key == "year" or key.endswith("_count"):
        return "integer"
    if key.endswith(UNIT_SUFFIXES):
        return "decimal"
    return "string"


def parse_fields(rows):
    fields = {}
    for row in rows:
        key = row["name"]
        assert key not in fields, f"field {key} defined twice"
        fields[key] = {
            "name": key,
            "label_zh": row["label_zh"],
            "label_en": row["label_en"],
            "type": field_type(key, row["type"] or None),
        }
    return fields


FIELDS = parse_fields(_rows("fields.csv"))


def expand_fields(spec, where):
    keys = []
    for token in spec.split():
        keys.extend(FIELD_GROUPS[token].split() if token.startswith("@") else [token])
    assert len(keys) == len(set(keys)), f"{where}: repeated field in {keys}"
    assert 4 <= len(keys) <= 14, f"{where}: {len(keys)} fields"
    return [dict(FIELDS[k]) for k in keys]


def sentence_label(label_en):
    first = label_en.split()[0]
    if first.startswith(PROPER_WORDS) or (len(first) > 1 and not first[1].islower()):
        return label_en
    return label_en[0].lower() + label_en[1:]


def describe(entry, dept, fields):
    """Three short sentences: what a record is, where it comes from, what it is used for."""
    named = [f for f in fields if not f["name"].endswith(("_id", "_no", "_code", "_masked"))]
    shown = (named + [f for f in fields if f not in named])[:3]
    use_zh, use_en = USES[entry["use"]]
    sys_zh, sys_en = entry.get("sys", (dept["sys_zh"], dept["sys_en"]))
    freq_zh, freq_en = FREQUENCY_PHRASE[entry["freq"]]
    zh = (
        f"每条记录为{entry['rec_zh']},包含{'、'.join(f['label_zh'] for f in shown)}等{len(fields)}个字段。"
        f"数据由{dept['name_zh']}依托{sys_zh}汇聚,{freq_zh}更新。可用于{use_zh}。"
    )
    labels_en = [sentence_label(f["label_en"]) for f in shown]
    en = (
        f"Each record is {entry['rec_en']}, with {len(fields)} fields including {labels_en[0]}, "
        f"{labels_en[1]} and {labels_en[2]}. Compiled by the {dept['name_en']} from the {sys_en}, "
        f"updated {freq_en}. Used for {use_en}."
    )
    return zh, en


def record_counts(entries, rng):
    """Jitter each hand-given magnitude, then scale the categories of a million records or more
    (except the fixed registries) together so that the total is TARGET_RECORDS."""
    jittered = []
    for e in entries:
        spread = 0.02 if e.get("fixed") else 0.12 if e["approx"] >= 1000 else 0.07
        jittered.append(e["approx"] * rng.uniform(1 - spread, 1 + spread))
    scaled = {i for i, e in enumerate(entries) if e["approx"] >= 1_000_000 and not e.get("fixed")}
    unscaled_total = sum(v for i, v in enumerate(jittered) if i not in scaled)
    scale = (TARGET_RECORDS - unscaled_total) / sum(jittered[i] for i in scaled)
    counts = []
    for i, v in enumerate(jittered):
        n = max(3, round(v * scale if i in scaled else v))
        if n >= 1000 and n % 100 == 0:
            n += rng.randint(1, 99)
        elif n >= 50 and n % 10 == 0:
            n += rng.randint(1, 9)
        counts.append(n)
    return counts, scale


def random_datetime(rng, start, end):
    span = int((end - start).total_seconds() // 60)
    moment = start + dt.timedelta(minutes=rng.randrange(span))
    return moment.replace(second=0, minute=moment.minute - moment.minute % 5)


def coverage_start(entry, rng):
    if "start" in entry:
        return entry["start"]
    year = rng.randint(2018, 2023) if entry["freq"] == "realtime" else rng.randint(2006, 2021)
    month = 1 if rng.random() < 0.7 else rng.randint(2, 12)
    return dt.date(year, month, 1).isoformat()


def last_metadata_update(entry, rng):
    end = dt.datetime(2026, 11, 26, 23, 0)
    if entry["freq"] in ("realtime", "daily"):
        start = dt.datetime(2026, 9, 1)
    elif entry["freq"] in ("weekly", "monthly"):
        start = dt.datetime(2026, 3, 1)
    else:
        start = dt.datetime(2025, 1, 6)
    return random_datetime(rng, start, end).strftime("%Y-%m-%dT%H:%M:%SZ")


def formats_for(entry, fields, count, openness, rng):
    chosen = {"csv", "json"}
    if count < 50_000:
        chosen.add("xlsx")
    if rng.random() < 0.15:
        chosen.add("xml")
    if entry["freq"] == "realtime" or (entry["freq"] in ("daily", "weekly") and openness != "closed"):
        chosen.add("api")
    if any(f["type"] == "geometry" for f in fields):
        chosen.add("shp")
    return [f for f in FORMAT_ORDER if f in chosen]


def build():
    rng = random.Random(SEED)
    departments = []
    dept_by_code = {}
    for code, name_zh, name_en, short_zh, short_en, sys_zh, sys_en in DEPARTMENTS:
        departments.append(
            {"code": code, "name_zh": name_zh, "name_en": name_en, "short_name_zh": short_zh, "short_name_en": short_en}
        )
        dept_by_code[code] = {"name_zh": name_zh, "name_en": name_en, "sys_zh": sys_zh, "sys_en": sys_en}

    entries = [(code, serial, e) for code in dept_by_code for serial, e in enumerate(CATEGORIES[code], start=1)]
    counts, scale = record_counts([e for _, _, e in entries], rng)

    categories = []
    for (code, serial, e), count in zip(entries, counts, strict=True):
        where = f"{code}-{serial:03d} {e['name_zh']}"
        openness, grade = OPENNESS[e["access"][0]], GRADE[e["access"][1]]
        fields = expand_fields(e["fields"], where)
        desc_zh, desc_en = describe(e, dept_by_code[code], fields)
        area_zh, area_en = AREAS[e.get("area", "all")]
        categories.append(
            {
                "code": f"{code}-{serial:03d}",
                "department": code,
                "name_zh": e["name_zh"],
                "name_en": e["name_en"],
                "description_zh": desc_zh,
                "description_en": desc_en,
                "theme": e["theme"],
                "openness": openness,
                "grade": grade,
                "fields": fields,
                "update_frequency": e["freq"],
                "record_count": count,
                "formats": formats_for(e, fields, count, openness, rng),
                "spatial_coverage_zh": area_zh,
                "spatial_coverage_en": area_en,
                "time_coverage_start": coverage_start(e, rng),
                "time_coverage_end": e.get("end"),
                "keywords_zh": e["kw_zh"].split(),
                "keywords_en": [k.strip() for k in e["kw_en"].split(";")],
                "updated_at": last_metadata_update(e, rng),
            }
        )
    return departments, categories, scale


def check(departments, categories):
    """The properties the platform's tests rely on; fail loudly rather than ship bad seed data."""
    codes = [d["code"] for d in departments]
    assert len(departments) == 40 and len(set(codes)) == 40
    assert all(3 <= len(c) <= 8 and c.isascii() and c.isalpha() and c.isupper() for c in codes)
    per_dept = Counter(c["department"] for c in categories)
    assert set(per_dept) == set(codes)
    assert all(3 <= n <= 25 for n in per_dept.values()), per_dept
    assert len(categories) == 457
    assert len({c["code"] for c in categories}) == 457
    assert len({c["name_zh"] for c in categories}) == 457, "duplicate name_zh"
    assert len({c["name_en"].lower() for c in categories}) == 457, "duplicate name_en"
    total = sum(c["record_count"] for c in categories)
    assert 162_000_000 <= total <= 168_000_000, total
    themes = Counter(c["theme"] for c in categories)
    assert set(themes) == set(THEMES) and min(themes.values()) >= 5, themes
    for c in categories:
        assert c["update_frequency"] in FREQUENCY_PHRASE
        assert c["grade"] != "core" or c["openness"] == "closed", c["code"]
        if "营业执照" in c["name_zh"]:
            text = (c["name_en"] + " " + " ".join(c["keywords_en"])).lower()
            assert "business licence" in text or "business license" in text, c["code"]
        if "公积金" in c["name_zh"]:
            assert c["department"] == "GJJZX", c["code"]
            assert "housing provident fund" in c["name_en"].lower(), c["code"]
        assert "2025-01-01" <= c["updated_at"][:10] <= "2026-11-30"
    assert sum("公积金" in c["name_zh"] for c in categories) >= 4
    assert sum(c["department"] == "SCJGJ" and "营业执照" in c["name_zh"] for c in categories) >= 2


def share(counter, n):
    return ", ".join(f"{k} {v} ({100 * v / n:.0f}%)" for k, v in counter.most_common())


def render(data) -> str:
    """The text of a seed file, exactly as shipped."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(out: Path = SHIPPED):
    departments, categories, scale = build()
    check(departments, categories)
    for name, data in (("departments.json", departments), ("categories.json", categories)):
        (out / name).write_text(render(data), encoding="utf-8")
    n = len(categories)
    total = sum(c["record_count"] for c in categories)
    per_dept = Counter(c["department"] for c in categories)
    print(f"departments: {len(departments)}")
    print(f"categories:  {n} (per department {min(per_dept.values())}-{max(per_dept.values())})")
    print(f"records:     {total:,} (categories of 1M+ records scaled by {scale:.3f})")
    print(f"openness:    {share(Counter(c['openness'] for c in categories), n)}")
    print(f"grade:       {share(Counter(c['grade'] for c in categories), n)}")
    print(f"frequency:   {share(Counter(c['update_frequency'] for c in categories), n)}")
    print(f"themes:      {share(Counter(c['theme'] for c in categories), n)}")
    print("per department: " + ", ".join(f"{d['code']} {per_dept[d['code']]}" for d in departments))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED)
