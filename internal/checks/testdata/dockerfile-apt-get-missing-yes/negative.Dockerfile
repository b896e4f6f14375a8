FROM debian:12
RUN apt-get update && apt-get install -y curl
RUN apt-get -qqy install git && apt-get --yes remove vim
RUN apt-get -o APT::Get::Assume-Yes=true install jq
RUN apt-get update
