FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends wget
COPY README.md ./one
COPY package.json ./two
COPY gulpfile.js ./three
RUN --mount=type=cache,target=/root/.cache make deps
RUN make build
RUN --mount=type=secret,id=token make publish
ADD a.tar /opt/
ADD b.tar /opt/
ENV X=1
ADD c.tar /opt/
