FROM alpine:3.20 AS build
RUN apk add gcc=13.2.1_git20240309-r0

FROM alpine:3.20
COPY --from=build /usr/bin/gcc /usr/bin/gcc
RUN apk add --no-cache curl=8.9.1-r0
RUN apk add git=2.45.2-r0 && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add jq=1.7.1-r0
