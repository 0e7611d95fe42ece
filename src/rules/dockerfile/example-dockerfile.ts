/**
 * The course's reference Dockerfile, which every Dockerfile rule accepts: the starting point of
 * each rule's good example. Three stages (production dependencies, build, a clean final stage),
 * pinned base, cache mounts, npm ci --omit=dev, non-root user, health check, exec-form CMD.
 */
export const GOOD_DOCKERFILE = `FROM node:22.23.3-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:22.23.3-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

FROM node:22.23.3-slim AS production
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
HEALTHCHECK --interval=30s --start-period=10s CMD ["node", "dist/healthcheck.js"]
# Run with \`docker run --init\` (compose: \`init: true\`) so PID 1 reaps zombie processes.
CMD ["node", "dist/server.js"]
`;
