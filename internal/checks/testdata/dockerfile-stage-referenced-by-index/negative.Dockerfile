FROM golang:1.22 AS build
RUN go build -o /app .

FROM alpine:3.20
COPY --from=build /app /app
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
