FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends procps vim nano
RUN ssh-keygen -A && mkdir -p /run/sshd
RUN bash -c 'echo "ps and top are words here"'
