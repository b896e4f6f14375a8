FROM opensuse/leap:15.6 AS build
RUN zypper -n install gcc

FROM opensuse/leap:15.6
COPY --from=build /usr/bin/gcc /usr/bin/gcc
RUN zypper -n install httpd && zypper clean --all
RUN zypper -n in curl && zypper cc -a
RUN zypper -n refresh
