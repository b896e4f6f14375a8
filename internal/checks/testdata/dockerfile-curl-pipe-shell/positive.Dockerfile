FROM debian:12
# want
RUN curl -fsSL https://get.example.com/install.sh | sh
# want
RUN apt-get update && wget -qO- https://example.com/setup \
    | sudo -E bash -
# want
RUN bash -c "$(curl -fsSL https://example.com/install.sh)"
# want
RUN bash <(curl -s https://example.com/install.sh)
# want
RUN ["/bin/sh", "-c", "curl -s https://example.com/x.py | python3"]
