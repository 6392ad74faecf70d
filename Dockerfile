# Vigie: the BFF serving the built SPA. Multi-stage: build with the whole workspace, ship only the
# BFF's production dependencies and the SPA's static files, run as a non-root user.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION=10.34.9
RUN npm install -g pnpm@${PNPM_VERSION}
# better-sqlite3 (the BFF's history store) compiles when no prebuilt binary is fetched: tools and
# the image's Node headers (the repository's .npmrc points at /usr, where Debian's Node keeps them).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile \
 && pnpm --filter @vigie/web build \
 && pnpm --filter @vigie/bff deploy --prod --legacy /out \
 && cp -r apps/web/dist /out/web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    WEB_DIST_DIR=/app/web \
    VIGIE_DATA_DIR=/data
# The board's own record (trend, alerts, coverage): mount a volume here to keep it across images.
RUN mkdir /data && chown node:node /data
VOLUME /data
WORKDIR /app
COPY --from=build --chown=node:node /out /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "src/server.ts"]
