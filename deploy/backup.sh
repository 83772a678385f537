#!/usr/bin/env bash
# Back up the platform into one archive: the database (SQLite: a consistent online copy through
# SQLite's backup API; PostgreSQL: pg_dump --format=custom), DATA_DIR (data versions, exports) and
# instance/ (secret_key, the jobs queue, the search index, uploads). Safe while the app runs.
#
#   DATABASE_URL=... DATA_DIR=... INSTANCE_DIR=... deploy/backup.sh [BACKUP_DIR]
#
# Prints the archive's path. Settings come from the environment (as the app reads them); defaults are
# the app's own (instance/ beside this script's parent, SQLite inside it).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
INSTANCE_DIR="${INSTANCE_DIR:-$here/instance}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$INSTANCE_DIR/platform.sqlite3}"
DATA_DIR="${DATA_DIR:-$INSTANCE_DIR/data}"
backup_dir="${1:-${BACKUP_DIR:-$here/backups}}"
PYTHON="${PYTHON:-$here/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$backup_dir" "$work/pdp-backup"
out="$work/pdp-backup"

case "$DATABASE_URL" in
  sqlite:///*)
    db_file="${DATABASE_URL#sqlite:///}"
    [ -f "$db_file" ] || { echo "backup: no SQLite database at $db_file" >&2; exit 1; }
    "$PYTHON" - "$db_file" "$out/database.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)  # a consistent copy even while the app writes (WAL)
target.close(); source.close()
PY
    echo "sqlite" > "$out/database.kind"
    ;;
  postgresql*)
    libpq_url="${DATABASE_URL/+psycopg/}"
    pg_dump --format=custom --no-owner --file="$out/database.pgdump" "$libpq_url"
    echo "postgresql" > "$out/database.kind"
    ;;
  *)
    echo "backup: unsupported DATABASE_URL scheme" >&2; exit 1 ;;
esac

# instance/ without the SQLite database itself (copied above) and its WAL files
mkdir -p "$out/instance" "$out/data"
skip_data=()
# DATA_DIR inside instance/ (the default) goes to data/ only, not twice
[ "$(realpath -m "$DATA_DIR")" != "$(realpath -m "$INSTANCE_DIR/data")" ] || skip_data=(--exclude=./data)
if [ -d "$INSTANCE_DIR" ]; then
  tar -C "$INSTANCE_DIR" --exclude=./platform.sqlite3 --exclude='./platform.sqlite3-*' \
      --exclude='./*.building' --exclude='./*.old' "${skip_data[@]}" -cf - . | tar -C "$out/instance" -xf -
fi
if [ -d "$DATA_DIR" ]; then
  tar -C "$DATA_DIR" -cf - . | tar -C "$out/data" -xf -
fi
date -u +%Y-%m-%dT%H:%M:%SZ > "$out/taken_at"

archive="$backup_dir/pdp-backup-$stamp.tar.gz"
tar -C "$work" -czf "$archive.partial" pdp-backup
mv "$archive.partial" "$archive"
chmod 600 "$archive"  # it holds secret_key and every user's data
echo "$archive"
