# want
ARG NPM_TOKEN=changeme-not-a-secret
FROM node:20-alpine
# want
ENV DB_PASSWORD=changeme-not-a-secret APP_ENV=production
# want
ARG api_key=changeme-not-a-secret
# want
ENV SECRET_KEY_BASE changeme-not-a-secret
