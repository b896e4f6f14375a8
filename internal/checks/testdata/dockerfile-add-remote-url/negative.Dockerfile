FROM alpine:3.20
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /opt/
ADD https://github.com/example/repo.git#0123456789abcdef0123456789abcdef01234567 /src
ADD app.tar.gz /opt/
COPY app /app
