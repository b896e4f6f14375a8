FROM debian:12
# want
RUN apt-get update && apt-get install -y --no-install-recommends curl
# want
RUN apt-get update
RUN apt-get install -y git && rm -rf /var/lib/apt/lists/*
