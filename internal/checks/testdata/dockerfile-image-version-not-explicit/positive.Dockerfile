# want
FROM alpine
RUN echo one

# want
FROM ubuntu:latest AS build
RUN echo two

# want
FROM build2
