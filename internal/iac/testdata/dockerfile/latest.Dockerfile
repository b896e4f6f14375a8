FROM ubuntu:latest
RUN apt-get update
USER root
