FROM opensuse/leap:15.6
# want
RUN zypper --non-interactive install httpd
# want
RUN zypper clean && zypper -n in curl
