ARG IMAGE
FROM ${IMAGE}
RUN echo unknown
