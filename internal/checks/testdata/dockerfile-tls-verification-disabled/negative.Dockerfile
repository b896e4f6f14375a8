FROM node:20-alpine
RUN curl -fsSL https://example.com/a -o /a
RUN curl --cacert /etc/ssl/corp.pem https://example.com/b -o /b
RUN wget https://example.com/c
RUN pip install --index-url https://pypi.example.com/simple flask==3.0.3
RUN npm config set strict-ssl true
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp.pem
