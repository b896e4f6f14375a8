FROM fedora:40
RUN dnf -y install httpd-2.4.62 && dnf clean all
RUN microdnf install -y openssl-libs-1:3.2.2-3.fc40.x86_64
RUN dnf -y update
