FROM debian:12 AS base
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]

FROM base
RUN cat /etc/os-release | grep VERSION
