FROM ubuntu:24.04
# want
RUN top
# want
RUN ["ps", "-ef"]
# want
RUN service nginx start && mount -t tmpfs none /mnt
