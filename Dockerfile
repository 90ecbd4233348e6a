# ROI Runway: one bot on a SQLite file kept in the /app/data volume.
#   docker build -t roi-runway .
#   docker run -d --name roi-runway --env-file .env -p 3000:3000 -v roi-data:/app/data roi-runway
# Both stages use the same base image, so the native modules installed in the first (better-sqlite3 and
# @napi-rs/canvas, prebuilt binaries for this glibc) load in the second.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# Only used where no prebuilt better-sqlite3 binary can be fetched: npm then compiles it from source.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
# The bot runs compiled (`npm run build`, tsc into dist/): it starts sooner and holds less than under tsx.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY digests ./digests
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
# @napi-rs/canvas ships no fonts and the slim image has none: without these the charts would carry no text.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# The scripts (`npm run digest`, `npm run import`) run their TypeScript with tsx, a runtime dependency.
ENV PATH=/app/node_modules/.bin:$PATH
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/dist ./dist
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY digests ./digests
COPY scripts ./scripts
# DATA_DIR's default, ./data, is this folder; the unprivileged user of the base image owns it and nothing else.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
# /healthz answers 503 while the store is read in at start: the start period covers a large store.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `npm start`'s command without npm in between, so `docker stop`'s SIGTERM reaches the bot.
CMD ["node", "--no-memory-reducer", "dist/src/app.js"]
