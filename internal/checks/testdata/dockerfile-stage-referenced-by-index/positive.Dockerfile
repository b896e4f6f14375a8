FROM golang:1.22
RUN go build -o /app .

FROM alpine:3.20
# want
COPY --from=0 /app /app
# want
RUN --mount=type=bind,from=0,source=/app,target=/x cp /x /usr/local/bin/app
