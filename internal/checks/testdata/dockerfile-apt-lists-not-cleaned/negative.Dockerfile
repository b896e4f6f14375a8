FROM debian:12 AS build
RUN apt-get update && apt-get install -y gcc

FROM debian:12
COPY --from=build /usr/bin/gcc /usr/bin/gcc
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y git
