FROM alpine:3.20
# want
HEALTHCHECK NONE
CMD ["/app"]
