FROM alpine:3.20 AS dep
# want
COPY --from=dep /binary /

FROM alpine:3.20
# want
COPY --from=1 /a /b
