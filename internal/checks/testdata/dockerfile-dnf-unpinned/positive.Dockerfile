FROM fedora:40
# want
RUN dnf -y update && dnf -y install httpd && dnf clean all
# want
RUN ["dnf", "install", "-y", "httpd"]
# want
RUN microdnf install -y jq
