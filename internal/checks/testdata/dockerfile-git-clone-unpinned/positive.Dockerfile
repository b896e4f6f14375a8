FROM alpine:3.20
# want
RUN git clone https://github.com/example/app.git /src
# want
RUN git clone --depth 1 --branch main https://github.com/example/lib.git
