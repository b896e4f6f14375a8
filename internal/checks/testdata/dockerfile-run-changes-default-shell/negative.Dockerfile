FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ln -s /usr/bin/python3 /usr/local/bin/python
RUN bash -c 'echo hello >> /etc/motd'
