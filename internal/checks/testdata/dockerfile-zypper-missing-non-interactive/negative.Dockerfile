FROM opensuse/leap:15.6
RUN zypper --non-interactive install httpd && zypper clean
RUN zypper -n in curl && zypper clean
RUN zypper install -y vim && zypper clean
RUN zypper --no-confirm remove vim && zypper refresh
