FROM alpine:3.20
COPY app /app
HEALTHCHECK --interval=30s CMD ["/app", "health"]
CMD ["/app"]
