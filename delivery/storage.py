"""Where versions live: DATA_DIR/<category code>/v<n>.parquet (the version as accepted) and
v<n>.duckdb beside it (the same rows in DuckDB's format, which the gateway opens read-only)."""

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from flask import current_app

ARROW_TYPES = {
    "string": pa.string(),
    "decimal": pa.decimal128(18, 2),
    "integer": pa.int64(),
    "date": pa.date32(),
    "datetime": pa.timestamp("s"),
    "boolean": pa.bool_(),
    "geometry": pa.string(),  # WKT
}


def data_dir() -> Path:
    path = Path(current_app.config.get("DATA_DIR") or Path(current_app.instance_path) / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def table_name(code: str) -> str:
    """The SQL name of a category's table: its code with '-' as '_' (SCJGJ-001 → SCJGJ_001)."""
    return code.replace("-", "_").upper()


def schema_for(fields: list[dict]) -> pa.Schema:
    return pa.schema([pa.field(f["name"], ARROW_TYPES.get(f["type"], pa.string())) for f in fields])


def write_version(code: str, number: int, table: pa.Table) -> str:
    """Write the Parquet file and its DuckDB copy; returns the Parquet path relative to DATA_DIR.
    Files are written under a temporary name and renamed, so a reader never sees half a version."""
    folder = data_dir() / code
    folder.mkdir(parents=True, exist_ok=True)
    parquet = folder / f"v{number}.parquet"
    tmp = folder / f".v{number}.parquet.tmp"
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(parquet)
    database = folder / f"v{number}.duckdb"
    tmp_db = folder / f".v{number}.duckdb.tmp"
    tmp_db.unlink(missing_ok=True)
    with duckdb.connect(str(tmp_db)) as conn:
        conn.execute("SET enable_progress_bar = false")
        conn.execute("CREATE TABLE data AS SELECT * FROM read_parquet(?)", [str(parquet)])
        # the name queries use, inside the file: the gateway opens the file itself (read-only) as its
        # main database, which DuckDB scans faster than the same file attached to an in-memory one
        # the view's name is table_name(code), built from a catalog code that matched the category (A–Z, digits, _)
        conn.execute(f'CREATE VIEW "{table_name(code)}" AS SELECT * FROM data')  # nosec B608
        conn.execute("CHECKPOINT")
    tmp_db.replace(database)
    return f"{code}/v{number}.parquet"


def duckdb_path(file_name: str) -> Path:
    return data_dir() / file_name.replace(".parquet", ".duckdb")


def parquet_path(file_name: str) -> Path:
    return data_dir() / file_name
