FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0 bash~5.2
RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0
RUN apk add --no-cache ${PACKAGES} /tmp/local.apk
RUN apk update
