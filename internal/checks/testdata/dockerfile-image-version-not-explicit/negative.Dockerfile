FROM alpine:3.20 AS build
RUN echo one

FROM build AS test
RUN echo two

FROM scratch
COPY --from=build /bin/sh /sh

FROM ubuntu@sha256:b59d21599a2b151e23eea5f6602f4af4d7d31c4e236d22bf0b62b86d2e386b8f
