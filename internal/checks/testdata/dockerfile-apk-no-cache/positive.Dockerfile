FROM alpine:3.20
# want
RUN apk add --update-cache curl=8.9.1-r0
# want
RUN apk update && apk add git=2.45.2-r0
