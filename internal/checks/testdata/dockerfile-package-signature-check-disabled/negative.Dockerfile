FROM debian:12
RUN apt-get install -y --no-install-recommends curl
RUN echo "deb [signed-by=/etc/apt/keyrings/x.gpg] https://repo.example.com/ stable main" > /etc/apt/sources.list.d/x.list
RUN yum install -y app-1.0
RUN printf '[app]\ngpgcheck=1\n' > /etc/yum.repos.d/app.repo
