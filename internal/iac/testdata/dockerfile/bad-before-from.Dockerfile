RUN echo before
FROM alpine:3.20
