FROM golang:1.22 AS build
HEALTHCHECK CMD ["/bin/true"]
RUN go build -o /app .

# want
FROM alpine:3.20
COPY --from=build /app /app
CMD ["/app"]
