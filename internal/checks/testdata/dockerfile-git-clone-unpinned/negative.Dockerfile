FROM alpine:3.20
RUN git clone --depth 1 --branch v1.2.3 https://github.com/example/app.git /src
RUN git clone https://github.com/example/lib.git /lib && git -C /lib checkout 0123456789abcdef0123456789abcdef01234567
RUN git clone --branch=${LIB_VERSION} https://github.com/example/tool.git
RUN git config --global user.name builder
