FROM ubuntu:24.04
# want
RUN sudo apt-get update
# want
RUN make && sudo -E make install
