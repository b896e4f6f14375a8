FROM centos:7
ENV RETHINKDB_VERSION=2.4.0
RUN yum install -y httpd-2.4.6-99.el7 rethinkdb-$RETHINKDB_VERSION && yum clean all
RUN yum install -y /tmp/app.rpm https://example.com/tool.rpm @development
RUN yum remove -y vim-minimal
