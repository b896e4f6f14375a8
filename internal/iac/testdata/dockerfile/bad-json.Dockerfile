FROM alpine:3.20
WORKDIR /app
    CMD ["serve", 8080]
