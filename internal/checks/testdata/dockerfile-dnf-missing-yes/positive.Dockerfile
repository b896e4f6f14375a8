FROM fedora:40
# want
RUN set -eux && \
    dnf config-manager --set-enabled crb && \
    dnf install httpd && \
    dnf clean all
# want
RUN dnf in httpd
# want
RUN microdnf install openssl-libs
# want
RUN tdnf --refresh upgrade
