FROM alpine:3.20 AS base
HEALTHCHECK CMD wget -q --spider http://localhost:8080/health || exit 1

FROM base AS final
CMD ["/app"]
