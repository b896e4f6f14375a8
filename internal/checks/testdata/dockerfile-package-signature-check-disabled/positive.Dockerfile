FROM debian:12
# want
RUN apt-get install -y --allow-unauthenticated curl
# want
RUN echo "deb [trusted=yes] http://repo.example.com/ stable main" > /etc/apt/sources.list.d/x.list
# want
RUN apk add --no-cache --allow-untrusted /tmp/app.apk
# want
RUN yum install -y --nogpgcheck app-1.0
# want
RUN rpm -i --nosignature /tmp/app.rpm
# want
RUN printf '[app]\nbaseurl=https://repo.example.com\ngpgcheck=0\n' > /etc/yum.repos.d/app.repo
