FROM centos:7
# want
RUN yum install -y httpd-2.4.6
# want
RUN yum clean all && yum -y install php-7.4
# want
RUN dnf install -y jq-1.7 && echo done
