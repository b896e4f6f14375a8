FROM debian:12
RUN set -o pipefail && wget -qO- https://example.com/app.tar.gz | tar xz -C /opt
RUN test -f /x || echo missing
RUN sed -i 's|http://|https://|g' /etc/apt/sources.list && echo "a|b"
RUN ["/bin/echo", "|"]
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN cat /etc/os-release | grep VERSION
ONBUILD RUN ["/usr/bin/filter", "|", "x"]
