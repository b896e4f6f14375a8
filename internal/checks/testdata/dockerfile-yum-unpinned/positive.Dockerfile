FROM centos:7
# want
RUN yum install -y httpd && yum clean all
# want
RUN ["yum", "install", "-y", "php-7.4", "php-cli"]
