FROM ubuntu:24.04
USER root
RUN apt-get update && apt-get install -y --no-install-recommends sudo
RUN echo "sudo is only a word here"
USER app
