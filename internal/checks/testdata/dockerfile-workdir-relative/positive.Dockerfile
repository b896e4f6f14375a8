FROM node:20-alpine
# want
WORKDIR app
# want
WORKDIR ./src
