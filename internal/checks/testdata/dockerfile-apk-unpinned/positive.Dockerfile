FROM alpine:3.20
# want
RUN apk add --no-cache curl
# want
RUN apk --no-cache add bash=5.2.26-r0 && apk add --no-cache --virtual .build-deps gcc
# want
RUN ["apk", "add", "--no-cache", "git"]
