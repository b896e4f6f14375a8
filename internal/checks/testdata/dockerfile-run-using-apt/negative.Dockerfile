FROM ubuntu:24.04
RUN apt-get update && apt-get install -y curl && apt-cache policy curl
RUN rm -rf /var/lib/apt/lists/*
