FROM node:20-alpine
# want
RUN curl -fsSLk https://example.com/a -o /a
# want
RUN wget --no-check-certificate https://example.com/b
# want
RUN pip install --trusted-host pypi.example.com flask==3.0.3
# want
RUN npm config set strict-ssl false
# want
RUN git config --global http.sslVerify false
# want
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# want
ENV GIT_SSL_NO_VERIFY=true PYTHONHTTPSVERIFY=0
# want
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci
# want
RUN yum-config-manager --save --setopt=sslverify=false
