# bulkflow image: the worker by default (`node dist/worker.js`); the same image runs the provider simulator
# (`node dist/simulator-server.js`) and the HTTP API (`node dist/api/server.js`). See docs/deployment.md.

##### Build stage: install all dependencies, compile TypeScript to dist/, then drop dev dependencies #####
FROM node:20-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
# `npm install` with the lockfile present, not `npm ci`: package-lock.json was written on linux by npm 11 and
# records only the linux optional binaries of @swc/core (a dependency of @temporalio/worker). npm 11's `npm ci`
# rejects such a lockfile as "not in sync" ("Missing: @swc/core-darwin-arm64@ from lock file", ...), while npm 10
# accepts it; which npm the base image ships changes over time. `npm install` installs the versions the lockfile
# pins and only fills in the missing entries, so the build does not depend on the npm version. (It does not fail
# on drift the way `npm ci` does; drift between package.json and the lockfile is caught in review, not here.)
RUN npm install --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc -p tsconfig.build.json → dist/ (worker.js, workflows/, simulator/, ...), then the workflow bundle the worker
# loads (BULKFLOW_WORKFLOW_BUNDLE below): bundled once here, so every worker of this image runs the same workflow code
# and starts without webpack.
RUN npm run build \
 && node dist/build-workflow-bundle.js dist/workflow-bundle.js \
 && npm prune --omit=dev --no-audit --no-fund

##### Runtime stage: compiled JS + production dependencies, run as the unprivileged `node` user #####
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Files stay owned by root (read-only to the process). The worker loads the workflow bundle built above; unset
# BULKFLOW_WORKFLOW_BUNDLE and it bundles dist/workflows at start instead (webpack and swc-loader are runtime
# dependencies of @temporalio/worker, so `--omit=dev` keeps everything it needs). The writable places are the
# claim-check blob store and the tenant key store, volumes in compose: a new named volume takes its directory's
# owner, so `node` can write it.
ENV BULKFLOW_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys \
 && chown node:node /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys \
 && chmod 0700 /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys

# `node` by its numeric id (uid/gid 1000 in the official node images), so that a runtime which checks for a
# non-root user without reading /etc/passwd (Kubernetes' runAsNonRoot) can tell (hadolint DL3066).
USER 1000:1000

# The worker drains on SIGTERM (Temporal's default shutdown signals; shutdownGraceTime 30s): give it the time,
# e.g. `stop_grace_period: 45s` in docker-compose.yml.
STOPSIGNAL SIGTERM
CMD ["node", "dist/worker.js"]
