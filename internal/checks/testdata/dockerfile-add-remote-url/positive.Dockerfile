FROM alpine:3.20
# want
ADD https://example.com/app.tar.gz /opt/
# want
ADD git@github.com:example/repo.git /src
