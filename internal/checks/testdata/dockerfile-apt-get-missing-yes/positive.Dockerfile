FROM debian:12
# want
RUN apt-get update && apt-get install curl
# want
RUN apt-get -q install --no-install-recommends git
# want
RUN ["apt-get", "remove", "git"]
