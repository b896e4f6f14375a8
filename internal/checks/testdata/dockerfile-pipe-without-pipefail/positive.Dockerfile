FROM debian:12
# want
RUN wget -qO- https://example.com/app.tar.gz | tar xz -C /opt
# want
RUN ["/bin/bash", "-c", "curl -s https://example.com/list | sort > /list"]
SHELL ["/bin/bash", "-c"]
# want
RUN cat /etc/os-release | grep VERSION
# want
ONBUILD RUN curl -s https://example.com/x | sh
