FROM debian:12
# want
RUN apt-get update && apt-get install -y curl
# want
RUN ["apt-get", "install", "-y", "git"]
