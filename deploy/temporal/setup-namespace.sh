#!/bin/sh
# Registers what bulkflow needs in a Temporal namespace, once the server answers: the namespace itself (with
# TEMPORAL_NAMESPACE_RETENTION, default 168h) and the workflows' search attributes (src/workflows/definitions.ts
# SEARCH_ATTRIBUTES), all of type Keyword. Run by the `temporal-setup` service of docker-compose.yml; safe to run
# again ("already exists" is success), but an existing attribute of another type fails it, and then no worker starts.
# TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE name the cluster and the namespace. They are passed as flags: the CLI's
# namespace commands do not read TEMPORAL_NAMESPACE (they would act on `default`).
set -eu

: "${TEMPORAL_ADDRESS:?names the Temporal frontend, host:port}"
: "${TEMPORAL_NAMESPACE:?names the namespace bulkflow runs in}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
wait_seconds="${TEMPORAL_SETUP_WAIT_SECONDS:-300}"

tctl() {
  temporal "$@" --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"
}

# Retries a check every 2 s until it succeeds; fails the setup after TEMPORAL_SETUP_WAIT_SECONDS.
waited=0
wait_until() {
  what="$1"
  shift
  until "$@" >/dev/null 2>&1; do
    if [ "$waited" -ge "$wait_seconds" ]; then
      echo "temporal-setup: gave up waiting for $what after ${wait_seconds}s" >&2
      exit 1
    fi
    echo "temporal-setup: waiting for $what"
    sleep 2
    waited=$((waited + 2))
  done
}

wait_until "Temporal at $TEMPORAL_ADDRESS to be healthy" tctl operator cluster health

if tctl operator namespace describe >/dev/null 2>&1; then
  echo "temporal-setup: namespace $TEMPORAL_NAMESPACE exists"
else
  tctl operator namespace create --retention "$retention"
  echo "temporal-setup: registered namespace $TEMPORAL_NAMESPACE (retention $retention)"
fi
# A new namespace reaches every frontend only when their namespace caches refresh (some seconds).
wait_until "namespace $TEMPORAL_NAMESPACE to be served" tctl operator search-attribute list

for name in BulkOperation BulkProvider BulkTenant BulkState BulkRequestedBy; do
  if out=$(tctl operator search-attribute create --name "$name" --type Keyword 2>&1); then
    echo "temporal-setup: registered $name (Keyword)"
  elif echo "$out" | grep -qi 'already exists' && ! echo "$out" | grep -qi 'different type'; then
    echo "temporal-setup: $name already registered"
  else
    echo "$out" >&2
    exit 1
  fi
done
echo "temporal-setup: done"
