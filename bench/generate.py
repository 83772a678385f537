"""A large generated catalog (100,000 categories by default) for the search bench.

The shipped categories are recombined into plausible new ones: a district or zone of Chengdu, often a
year or a sub-topic borrowed from a related category, with Chinese and English kept side by side,
new unique codes, jittered record counts and dates. Generation is deterministic (random.Random(42)),
so every machine builds the same catalog from the same seed.

The database and its index are cached under bench/.cache/ and reused while they match: same row
count, same generator version, same shipped seed (its digest is kept in a small JSON file beside).
"""

import contextlib
import hashlib
import json
import logging
import random
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from catalog import services
from catalog.models import Category, Department
from catalog.search import index as search_index
from core.extensions import db

GENERATOR_VERSION = 1
SEED = 42
BATCH = 5_000

# Districts, county-level cities, counties and functional zones of Chengdu: (zh, en, code)
DISTRICTS = [
    ("锦江区", "Jinjiang District", "JJ"),
    ("青羊区", "Qingyang District", "QY"),
    ("金牛区", "Jinniu District", "JN"),
    ("武侯区", "Wuhou District", "WH"),
    ("成华区", "Chenghua District", "CH"),
    ("龙泉驿区", "Longquanyi District", "LQY"),
    ("青白江区", "Qingbaijiang District", "QBJ"),
    ("新都区", "Xindu District", "XD"),
    ("温江区", "Wenjiang District", "WJ"),
    ("双流区", "Shuangliu District", "SL"),
    ("郫都区", "Pidu District", "PD"),
    ("新津区", "Xinjin District", "XJ"),
    ("简阳市", "Jianyang", "JY"),
    ("都江堰市", "Dujiangyan", "DJY"),
    ("彭州市", "Pengzhou", "PZ"),
    ("邛崃市", "Qionglai", "QL"),
    ("崇州市", "Chongzhou", "CZ"),
    ("金堂县", "Jintang County", "JT"),
    ("大邑县", "Dayi County", "DY"),
    ("蒲江县", "Pujiang County", "PJ"),
    ("高新区", "Hi-tech Zone", "GX"),
    ("天府新区", "Tianfu New Area", "TF"),
    ("东部新区", "Eastern New Area", "DB"),
]
# How a variant narrows its base category: (zh suffix, en suffix)
SCOPES = [
    ("月度汇总", "monthly summary"),
    ("年度统计", "annual statistics"),
    ("明细", "detailed records"),
    ("街道分布", "by subdistrict"),
    ("专项核查", "special inspection"),
    ("历史归档", "historical archive"),
    ("变更记录", "change log"),
    ("质量抽检", "quality sampling"),
]
OPENNESS = ["unconditional", "conditional", "closed"]
GRADES = ["general", "important"]
FREQUENCIES = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly", "irregular"]
EPOCH = datetime(2020, 1, 1)


def seed_digest() -> str:
    digest = hashlib.sha256()
    for name in ("departments.json", "categories.json"):
        digest.update((services.SEED_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def _pair(rng: random.Random, zh: list, en: list) -> tuple[str, str]:
    """A keyword and (roughly) its English counterpart: the lists are written side by side."""
    i = rng.randrange(len(zh))
    return zh[i], en[min(i, len(en) - 1)] if en else ""


def generate_rows(seed_categories: list[dict], department_ids: dict[str, int], rows: int) -> list[dict]:
    """rows new categories, as column values for a bulk insert into categories."""
    rng = random.Random(SEED)
    base_rows = sorted(seed_categories, key=lambda r: r["code"])
    by_theme: dict[str, list[dict]] = {}
    for r in base_rows:
        by_theme.setdefault(r["theme"], []).append(r)
    out = []
    for n in range(1, rows + 1):
        base = rng.choice(base_rows)
        other = rng.choice(by_theme[base["theme"]])  # a related category lends a sub-topic
        d_zh, d_en, d_code = rng.choice(DISTRICTS)
        year = rng.randint(2012, 2025)
        kw_zh, kw_en = list(base.get("keywords_zh") or []), list(base.get("keywords_en") or [])
        other_zh, other_en = list(other.get("keywords_zh") or []), list(other.get("keywords_en") or [])
        roll = rng.random()
        if roll < 0.35:
            name_zh, name_en = f"{d_zh}{base['name_zh']}", f"{base['name_en']} ({d_en})"
        elif roll < 0.70:
            name_zh, name_en = f"{d_zh}{year}年{base['name_zh']}", f"{base['name_en']}, {d_en}, {year}"
        elif roll < 0.90 and other_zh:
            sub_zh, sub_en = _pair(rng, other_zh, other_en)
            name_zh = f"{d_zh}{base['name_zh']}（{sub_zh}专题）"
            name_en = f"{base['name_en']}: {sub_en} ({d_en})"
            kw_zh, kw_en = kw_zh + [sub_zh], kw_en + ([sub_en] if sub_en else [])
        else:
            s_zh, s_en = rng.choice(SCOPES)
            name_zh = f"{d_zh}{year}年{base['name_zh']}{s_zh}"
            name_en = f"{base['name_en']}, {s_en}, {d_en}, {year}"
        department = base["department"]
        theme = base["theme"]
        if rng.random() < 0.08:  # now and then the related category's department holds the data
            department = other["department"]
        openness, grade = base["openness"], base["grade"]
        if rng.random() < 0.15:
            openness, grade = rng.choice(OPENNESS), rng.choice(GRADES)
        frequency = base["update_frequency"] if rng.random() < 0.85 else rng.choice(FREQUENCIES)
        fields = [dict(f) for f in base.get("fields") or []]
        if len(fields) > 3 and rng.random() < 0.3:
            del fields[rng.randrange(len(fields))]
        updated = EPOCH + timedelta(seconds=rng.randrange(6 * 365 * 86400))
        start = date(year, 1, 1)
        out.append(
            {
                "code": f"{base['department']}-{d_code}-{n:06d}",
                "department_id": department_ids[department],
                "name_zh": name_zh,
                "name_en": name_en,
                "description_zh": f"{d_zh}{year}年度的{base['name_zh']}。{base.get('description_zh', '')}",
                "description_en": f"{base['name_en']} for {d_en}, {year}. {base.get('description_en', '')}",
                "theme": theme,
                "openness": openness,
                "grade": grade,
                "update_frequency": frequency,
                "record_count": max(1, int(int(base.get("record_count") or 1000) / 20 * rng.lognormvariate(0, 0.8))),
                "formats": list(base.get("formats") or ["csv"]),
                "fields": fields,
                "spatial_coverage_zh": f"成都市{d_zh}",
                "spatial_coverage_en": f"{d_en}, Chengdu",
                "time_coverage_start": start,
                "time_coverage_end": date(year, 12, 31) if rng.random() < 0.7 else None,
                "keywords_zh": kw_zh + [d_zh],
                "keywords_en": kw_en + [d_en],
                "created_at": updated - timedelta(days=rng.randrange(1, 900)),
                "updated_at": updated,
            }
        )
    return out


class _Doc:
    """What index.document_for reads from a category, without the ORM."""

    __slots__ = tuple(c.name for c in Category.__table__.columns) + ("department",)

    def __init__(self, row, department: "_Department"):
        for key, value in row.items():
            setattr(self, key, value)
        self.department = department


class _Department:
    __slots__ = ("code", "name_zh", "name_en", "short_name_zh", "short_name_en")

    def __init__(self, **names):
        for key, value in names.items():
            setattr(self, key, value)


def _documents():
    table = Category.__table__
    names = ("code", "name_zh", "name_en", "short_name_zh", "short_name_en")
    departments = {
        d.id: _Department(**{n: getattr(d, n) for n in names}) for d in db.session.scalars(select(Department))
    }
    query = select(table).order_by(table.c.code).execution_options(yield_per=BATCH)
    for row in db.session.execute(query).mappings():
        values = dict(row)
        yield _Doc(values, departments[values["department_id"]])


def _index_count(directory: str) -> int:
    try:
        from whoosh import index as whoosh_index

        if not whoosh_index.exists_in(directory):
            return 0
        with whoosh_index.open_dir(directory).reader() as reader:
            return reader.doc_count()
    except Exception:
        return 0


@contextlib.contextmanager
def quiet_logging():
    """Alembic's env.py re-configures logging to INFO; keep the bench output to its own lines."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def _say(message: str) -> None:
    print(message, flush=True)


def _meta_path(app) -> Path:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    return Path(url.removeprefix("sqlite:///") + ".meta.json")


def ensure(app, rows: int) -> dict:
    """The generated catalog in app's database and index: reused from the cache when it matches,
    otherwise (re)built. Returns what happened, with timings. Call inside app.app_context()."""
    from flask_migrate import upgrade

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    assert url.startswith("sqlite:///"), "the generated catalog is cached in a SQLite file"
    db_file = Path(url.removeprefix("sqlite:///"))
    index_dir = app.config["SEARCH_INDEX_DIR"]
    meta_file = _meta_path(app)
    wanted = {"generator": GENERATOR_VERSION, "seed": seed_digest(), "rows": rows, "random_seed": SEED}
    info = {"rows": rows, "db": str(db_file), "index": index_dir, "reused_db": False, "reused_index": False}

    meta = json.loads(meta_file.read_text()) if meta_file.exists() else None
    have = 0
    if db_file.exists() and meta == wanted:
        try:
            have = db.session.scalar(select(func.count()).select_from(Category))
        except Exception:
            have = 0
    if have == rows:
        info["reused_db"] = True
        _say(f"  generated catalog: reusing {db_file.name} ({rows:,} categories)")
    else:
        db.session.remove()
        db.engine.dispose()
        for stale in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm"), meta_file):
            stale.unlink(missing_ok=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        db_file.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with quiet_logging():
            upgrade()
        departments, categories = services.load_seed()
        db.session.execute(
            insert(Department.__table__),
            [{k: d[k] for k in ("code", "name_zh", "name_en", "short_name_zh", "short_name_en")} for d in departments],
        )
        department_ids = dict(db.session.execute(select(Department.code, Department.id)).all())
        _say(f"  generating {rows:,} categories from {len(categories)} shipped ones (random.Random({SEED}))…")
        generated = generate_rows(categories, department_ids, rows)
        info["generate_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        table = Category.__table__
        for i in range(0, len(generated), BATCH):
            db.session.execute(insert(table), generated[i : i + BATCH])
            done = min(i + BATCH, len(generated))
            if done % 25_000 == 0 or done == len(generated):
                _say(f"  inserted {done:,}/{len(generated):,} ({time.perf_counter() - started:.1f}s)")
        db.session.commit()
        del generated
        info["insert_s"] = round(time.perf_counter() - started, 2)
        meta_file.write_text(json.dumps(wanted))
        _say(f"  generated in {info['generate_s']}s, inserted in {info['insert_s']}s")

    indexed = _index_count(index_dir)
    current = search_index.current(index_dir)
    if indexed and not current:
        _say("  the cached search index was built with an older schema: rebuilding it")
    if info["reused_db"] and indexed == rows and current:
        info["reused_index"] = True
        _say(f"  generated catalog: reusing the search index ({indexed:,} documents)")
    else:
        _say(f"  indexing {rows:,} categories (jieba + pinyin, one process; this is the slow part)…")
        started = time.perf_counter()
        step = max(500, rows // 10 // 500 * 500)  # rebuild reports every 500 documents

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                elapsed = time.perf_counter() - started
                eta = elapsed / done * (total - done)
                _say(f"  analysed {done:,}/{total:,} ({elapsed:.0f}s, ~{eta:.0f}s to go)")
            if done == total:
                _say("  all documents added; Whoosh is merging and writing the segment (minutes at 100k)…")

        count = search_index.rebuild(index_dir, _documents(), rows, progress)
        info["index_s"] = round(time.perf_counter() - started, 2)
        _say(f"  indexed {count:,} categories in {info['index_s']}s")
    return info
