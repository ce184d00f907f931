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
# tsc -p tsconfig.build.json → dist/ (worker.js, workflows/, simulator/, ...)
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

##### Runtime stage: compiled JS + production dependencies, run as the unprivileged `node` user #####
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Files stay owned by root (read-only to the process); the worker bundles the workflow code from dist/workflows
# in memory at start (webpack and swc-loader are runtime dependencies of @temporalio/worker, so `--omit=dev`
# keeps everything it needs). The one writable place is the claim-check blob store, a volume in compose: a new
# named volume takes this directory's owner, so `node` can write it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys \
 && chown node:node /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys \
 && chmod 0700 /var/lib/bulkflow/blobs /var/lib/bulkflow/tenant-keys

USER node

# The worker drains on SIGTERM (Temporal's default shutdown signals; shutdownGraceTime 30s): give it the time,
# e.g. `stop_grace_period: 45s` in docker-compose.yml.
STOPSIGNAL SIGTERM
CMD ["node", "dist/worker.js"]
