FROM node:20-alpine
# want
ENTRYPOINT /usr/local/bin/start
# want
CMD node app.js
