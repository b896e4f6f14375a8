FROM debian:12
RUN wget https://example.com/a.tar.gz
# want
RUN curl -fsSLO https://example.com/b.tar.gz

FROM debian:12
RUN curl -fsSLO https://example.com/a.tar.gz
# want
RUN wget https://example.com/b.tar.gz
# want
RUN ["wget", "https://example.com/c.tar.gz"]
