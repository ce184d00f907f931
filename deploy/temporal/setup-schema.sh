#!/bin/sh
# Creates or upgrades Temporal's schema in PostgreSQL: the `temporal` and `temporal_visibility` databases, each set
# up at version 0.0 and then brought to the newest version this admin-tools image ships (its versioned/ folders).
# Run by the `temporal-schema` service of docker-compose.yml before the server starts; safe to run again, and the
# way to upgrade the schema: run it from the admin-tools image of the new server version first
# (docs/deployment.md#upgrading-temporal).
set -eu

: "${POSTGRES_SEEDS:?names the PostgreSQL host}"
: "${POSTGRES_USER:?names the PostgreSQL user}"
: "${SQL_PASSWORD:?holds the PostgreSQL password}"
port="${DB_PORT:-5432}"
schema_root="${TEMPORAL_SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$@"
}

for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  dir="$schema_root/${pair#*:}/versioned"
  # `create` fails on a database that exists: that is the normal case from the second run on.
  if sql_tool "$db" create; then
    echo "temporal-schema: created database $db"
  else
    echo "temporal-schema: database $db exists"
  fi
  sql_tool "$db" setup-schema -v 0.0
  sql_tool "$db" update-schema -d "$dir"
  echo "temporal-schema: $db is at the newest schema in $dir"
done
