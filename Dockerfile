# syntax=docker/dockerfile:1
# The Shipshape course site as a production image. It follows every rule the course teaches,
# and the container test (scripts/container-test.sh) builds and runs it for real.
#
# Stages: deps (all dependencies, from the lockfile) -> build (static site, server and CLI
# bundles) -> production (the build output plus production dependencies, nothing else).
# Deliberately avoided, because buildah 1.28 cannot build them and the real build is tested
# with it: heredocs, COPY --link, RUN --network, ADD --checksum.

# ---- deps: every dependency, devDependencies included, because the build needs them ----
# An exact version, never `22` or `latest`: rebuilding the same commit gives the same Node.
# slim (Debian glibc, no compilers) over alpine: prebuilt native binaries used by the build
# (esbuild, sharp, pagefind) are glibc builds.
FROM node:22.23.3-slim AS deps
WORKDIR /app
# Build-time only (the production stage starts afresh): no "new npm available" check.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
# Manifests alone first, so this layer and the install below stay cached until they change.
COPY package.json package-lock.json ./
# npm ci installs exactly the lockfile. The cache mount keeps downloaded tarballs between
# builds without putting them in a layer. No package needs an install script to build this
# site, and skipping them means no dependency runs code at install time.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# ---- build: the static site (with .br/.gz siblings), dist/server/main.js, dist/cli/main.js ----
# Starts from deps so the large node_modules tree is reused, not copied.
FROM deps AS build
ENV ASTRO_TELEMETRY_DISABLED=1
# The sources, as .dockerignore filters them: no host node_modules (it would overwrite the one
# installed above), no dist, .env files, tests, .git or deployment files, so editing those does
# not invalidate this stage. One COPY rather than one per folder: git keeps no empty folders,
# and a COPY of a folder that a fresh clone lacks (public/ may be empty) fails the build.
COPY . .
RUN npm run build

# ---- production: what runs, and nothing else ----
FROM node:22.23.3-slim AS production
LABEL org.opencontainers.image.title="Shipshape" \
      org.opencontainers.image.description="Interactive course: Dockerizing Node.js Applications for Production" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.base.name="docker.io/library/node:22.23.3-slim"
# NODE_ENV=production: libraries take their production paths. HOST/PORT: the server
# listens on loopback by default; in a container it must accept connections from outside.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
# A dedicated user with a fixed uid, so orchestrators can check runAsUser: 1001. It has no
# home and no login shell; it owns nothing in /app, so the code is read-only to the process.
RUN groupadd --gid 1001 shipshape \
    && useradd --uid 1001 --gid shipshape --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin shipshape
# package.json stays: it marks dist/*.js as ES modules ("type": "module").
COPY package.json ./
# Production dependencies only, installed here from the lockfile (bind-mounted, so it does not
# end up in the image), with the same cache mount and no install scripts.
RUN --mount=type=bind,source=package-lock.json,target=/app/package-lock.json \
    --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier
# The built site, server and CLI. No sources, no TypeScript, no devDependencies.
COPY --from=build /app/dist ./dist
USER 1001
EXPOSE 8080
# Liveness as Docker sees it. slim has no curl: Node itself probes /health, in exec form so no
# shell is needed. PORT is read at probe time, so overriding it at run time keeps the probe
# right. --start-period covers boot; the probe's own 3 s abort stays under --timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health', { signal: AbortSignal.timeout(3000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# Exec form and node itself, not a shell or npm that would swallow SIGTERM: the server's own
# handler runs, drains and exits 0. Run with --init (compose: init: true) so an init process
# reaps zombies and forwards signals.
CMD ["node", "dist/server/main.js"]
