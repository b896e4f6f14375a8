FROM opensuse/leap:15.6
# want
RUN zypper install httpd && zypper clean
# want
RUN zypper --quiet in curl && zypper clean
