FROM node:20-alpine AS build
USER root
RUN npm ci

FROM node:20-alpine
COPY --from=build /src /app
USER node
CMD ["node", "/app/index.js"]
