FROM debian:12
RUN curl -fsSLO https://example.com/a.tar.gz
RUN ["curl", "-fsSLO", "https://example.com/b.tar.gz"]

FROM debian:12
RUN wget https://example.com/c.tar.gz
RUN apt-get install -y --no-install-recommends curl
