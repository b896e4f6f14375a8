FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
RUN yum --assumeyes update && yum -qy remove vim-minimal
RUN yum-config-manager --add-repo https://example.com/app.repo
RUN yum clean all
