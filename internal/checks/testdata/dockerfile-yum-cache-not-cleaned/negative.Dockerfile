FROM centos:7 AS build
RUN yum install -y gcc-4.8.5

FROM centos:7
COPY --from=build /usr/bin/gcc /usr/bin/gcc
RUN yum install -y httpd-2.4.6 && yum clean all
RUN dnf install -y jq-1.7 && rm -rf /var/cache/dnf
RUN microdnf install -y openssl-libs-3.2 && microdnf clean all
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-2.45
