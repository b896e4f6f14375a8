FROM ubuntu:24.04
# want
RUN apt update && apt install -y curl
# want
RUN ["apt", "install", "-y", "git"]
