FROM node:20-alpine AS build
WORKDIR /src
RUN npm ci

FROM node:20-alpine
# want
USER root
COPY --from=build /src /app
