# want
FROM alpine:3.20 AS build
RUN echo build

# want
FROM registry.example.com:5000/team/app:1.2
COPY --from=build /x /x
