"""Work of a large statement's import done beside it, by a process of its own on the machine's other
core (finance.services.statements._Beside), while the importing process goes on:

`lines IN.arrow OUT.sqlite3 KEYS.arrow`: a statement's lines, each as it is settled if no money is
posted for it (unmatched, outgoing: nine in ten of a large statement), written into a SQLite file of
their own while the importing process matches them and posts the money of the others; it then
copies them into statement_lines with one INSERT … SELECT per chunk, at C speed. Binding a million
rows' values from Python is most of what staging costs on SQLite. Lines that come without
fingerprints are fingerprinted here from KEYS (every line's line_no and identity; finance.bank_csv:
SHA-1 of the identity and how-manieth identical line it is, by DuckDB), a second of work the
importing process does only for the lines it stages.

Run as a script, not as a module of the package: `python finance/beside.py lines IN OUT KEYS`,
started before its input is complete: it fingerprints once the importing process writes KEYS on its
standard input, and writes the lines once it writes GO.
It imports polars, DuckDB and the standard library's sqlite3 only: one copy of the SQLite library in
the process, and the database of the books is never opened here."""

import os
import sqlite3
import sys

# in the order of the file's table, as the importing process gives them (the date a Date, written
# as the ISO text SQLite stores; the amount, the outcome and the posting month as text)
COLUMNS = (
    "line_no",
    "fingerprint",
    "booked_on",
    "amount",
    "payer_name",
    "payer_account",
    "remark",
    "invoice_ref",
    "status",
    "period",
)
ROWS_PER_CALL = 50_000


def _die_with_parent() -> None:
    """Linux: this process is killed when the one that started it dies (a worker killed mid-import)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def fingerprints(keys):
    """The fingerprints (Int64 Series "fingerprint") of lines given as a frame of line_no and
    identity, in line_no order: the first 64 bits of SHA-1 of "identity|occurrence" as a signed
    integer, occurrence counting the identical lines before it (0, 1, …), by DuckDB over the column."""
    import duckdb
    import polars as pl

    keys = keys.select("line_no", "identity")  # noqa: F841 (read by the query below by its name)
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        digests = (
            con.sql(
                "SELECT sha1(identity || '|' || CAST(row_number() OVER (PARTITION BY identity ORDER BY line_no) - 1"
                " AS VARCHAR)) AS digest FROM keys ORDER BY line_no"
            )
            .pl()
            .to_series()
        )
    high = digests.str.slice(0, 8).str.to_integer(base=16, dtype=pl.UInt64)
    low = digests.str.slice(8, 8).str.to_integer(base=16, dtype=pl.UInt64)
    return (high * (1 << 32) + low).reinterpret(signed=True).alias("fingerprint")


def prints(keys_path: str):
    """The fingerprints of the lines of an Arrow IPC file of every line's line_no and identity, as
    a frame of line_no and fingerprint."""
    import polars as pl

    keys = pl.read_ipc(keys_path, memory_map=False).sort("line_no")
    return keys.select("line_no", fingerprints(keys))


def write(frame_path: str, out_path: str, fingerprinted=None) -> int:
    """The frame's rows (Arrow IPC, COLUMNS; without the fingerprint if fingerprinted, a frame of
    line_no and fingerprint, gives them) into a new SQLite file's table "lines", by date and
    fingerprint (rowid 1, 2, …); the file appears under out_path only once complete. How many
    rows."""
    import polars as pl

    frame = pl.read_ipc(frame_path, memory_map=False)
    if "fingerprint" not in frame.columns:
        frame = frame.join(fingerprinted, on="line_no", how="left")
    # in the unique index's order (date, fingerprint): the copy's inserts walk that index
    frame = (
        frame.select(COLUMNS)
        .sort("booked_on", "fingerprint")
        .with_columns(pl.col("booked_on").dt.strftime("%Y-%m-%d"))  # the text SQLite stores a date as
    )
    partial = out_path + ".part"
    if os.path.exists(partial):
        os.unlink(partial)
    con = sqlite3.connect(partial, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute(f"CREATE TABLE lines ({', '.join(COLUMNS)})")
        con.execute("BEGIN")
        # bandit B608: only "?" marks, as many as the constant COLUMNS; every value is bound
        insert = f"INSERT INTO lines VALUES ({', '.join('?' * len(COLUMNS))})"  # nosec B608
        for start in range(0, frame.height, ROWS_PER_CALL):
            part = frame.slice(start, ROWS_PER_CALL)
            con.executemany(insert, zip(*(column.to_list() for column in part.get_columns()), strict=True))
        con.execute("COMMIT")
    finally:
        con.close()
    os.replace(partial, out_path)
    return frame.height


# what the importing process writes on the helper's standard input: KEYS once the keys file is
# complete (if the lines come without fingerprints), then GO once the lines' file is
KEYS = b"k"
GO = b"g"

if __name__ == "__main__":
    _die_with_parent()
    # the libraries loaded (half a second) while the importing process is still at its own work
    import duckdb  # noqa: F401
    import polars  # noqa: F401

    given = sys.stdin.buffer.read(1)
    # needed only once the money is posted, seconds later: on a busy machine the importing process
    # (holding the write lock in short turns) goes first
    os.nice(10)
    fingerprinted = None
    if given == KEYS:  # fingerprinted while the importing process matches the lines
        fingerprinted = prints(sys.argv[4])
        given = sys.stdin.buffer.read(1)
    if given != GO:  # the importing process could not write the input, or died
        sys.exit(3)
    {"lines": write}[sys.argv[1]](sys.argv[2], sys.argv[3], fingerprinted)
