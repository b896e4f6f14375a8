FROM centos:7
# want
RUN yum install httpd-2.4.6 && yum clean all
# want
RUN ["sudo yum", "install", "bundler"]
# want
RUN yum -q update
