FROM ubuntu:24.04
# want
EXPOSE 22
# want
EXPOSE 80 22/tcp
# want
EXPOSE 20-25
