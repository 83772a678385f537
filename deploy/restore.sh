#!/usr/bin/env bash
# Restore an archive made by deploy/backup.sh into the place the environment names (DATABASE_URL,
# DATA_DIR, INSTANCE_DIR, as for backup.sh). Stop the web, worker and scheduler processes first.
# Refuses to write over a SQLite database or non-empty directories unless FORCE=1; a PostgreSQL
# target must be an existing database (pg_restore --clean replaces what is in it).
#
#   DATABASE_URL=... DATA_DIR=... INSTANCE_DIR=... deploy/restore.sh ARCHIVE
#
# Then: `flask --app wsgi db upgrade` (an older backup meets newer code) and, if the index is
# missing, `flask --app wsgi catalog reindex`.
set -euo pipefail

archive="${1:?usage: restore.sh ARCHIVE}"
here="$(cd "$(dirname "$0")/.." && pwd)"
INSTANCE_DIR="${INSTANCE_DIR:-$here/instance}"
DATABASE_URL="${DATABASE_URL:-sqlite:///$INSTANCE_DIR/platform.sqlite3}"
DATA_DIR="${DATA_DIR:-$INSTANCE_DIR/data}"
FORCE="${FORCE:-0}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
src="$work/pdp-backup"
[ -f "$src/database.kind" ] || { echo "restore: $archive is not a pdp backup" >&2; exit 1; }
kind="$(cat "$src/database.kind")"

not_empty() { [ -d "$1" ] && [ -n "$(ls -A "$1")" ]; }
if [ "$FORCE" != "1" ]; then
  for dir in "$INSTANCE_DIR" "$DATA_DIR"; do
    if not_empty "$dir"; then
      echo "restore: $dir is not empty (FORCE=1 to write over it)" >&2; exit 1
    fi
  done
fi

mkdir -p "$INSTANCE_DIR" "$DATA_DIR"
case "$kind:$DATABASE_URL" in
  sqlite:sqlite:///*)
    db_file="${DATABASE_URL#sqlite:///}"
    if [ -e "$db_file" ] && [ "$FORCE" != "1" ]; then
      echo "restore: $db_file exists (FORCE=1 to write over it)" >&2; exit 1
    fi
    mkdir -p "$(dirname "$db_file")"
    rm -f "$db_file" "$db_file-wal" "$db_file-shm"
    cp "$src/database.sqlite3" "$db_file"
    ;;
  postgresql:postgresql*)
    pg_restore --clean --if-exists --no-owner --dbname="${DATABASE_URL/+psycopg/}" "$src/database.pgdump"
    ;;
  *)
    echo "restore: a $kind backup cannot go into this DATABASE_URL" >&2; exit 1 ;;
esac

tar -C "$src/instance" -cf - . | tar -C "$INSTANCE_DIR" -xf -
tar -C "$src/data" -cf - . | tar -C "$DATA_DIR" -xf -
[ ! -f "$INSTANCE_DIR/secret_key" ] || chmod 600 "$INSTANCE_DIR/secret_key"
echo "restored $(cat "$src/taken_at") backup into $INSTANCE_DIR, $DATA_DIR and the database"
