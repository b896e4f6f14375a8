FROM fedora:40
RUN dnf install -y httpd && dnf clean all
RUN microdnf --assumeyes install openssl-libs && microdnf clean all
RUN dnf config-manager --set-enabled crb
RUN tdnf -y upgrade
