FROM ubuntu:24.04
# want
RUN apt-get update
RUN apt-get install -y --no-install-recommends wget
RUN wget https://example.com/file.tar
RUN tar xf file.tar
# want
COPY README.md ./
COPY package.json ./
COPY gulpfile.js ./
