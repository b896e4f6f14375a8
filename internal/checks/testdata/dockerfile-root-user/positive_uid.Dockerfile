FROM debian:12 AS app
USER app
RUN id
# want
USER 0:0
CMD ["/app/run"]
