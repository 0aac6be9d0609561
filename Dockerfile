# ShopChat: one image for API nodes, workers and the admin tool.
# Not built on the machines this project is developed on (no Docker engine there): see README, "Scale-out".
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# npm start without npm: api/start.mjs runs dist/server/main.js when NODE_ENV=production.
CMD ["node", "api/start.mjs", "main"]
