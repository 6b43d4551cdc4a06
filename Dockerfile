# syntax=docker/dockerfile:1
# Build: compiles better-sqlite3, generates both Prisma clients and the TypeScript (postinstall).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
COPY locales ./locales
COPY config ./config
COPY templates ./templates
COPY bin ./bin
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --ignore-scripts

# Run: no compilers, non-root, data (SQLite file, generated key) on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/locales ./locales
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/config ./config
COPY --from=build /app/templates ./templates
# The survey format guides in Kazakh and Russian, sent to officers as files in their language
# (features/surveys/format-guide.ts); docs/survey-format.md is the English developers' reference.
COPY docs/survey-format.kk.md docs/survey-format.ru.md ./docs/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/adal.js"]
CMD ["start"]
