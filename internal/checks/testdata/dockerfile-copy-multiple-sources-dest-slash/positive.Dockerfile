FROM node:20-alpine
# want
COPY package.json yarn.lock my_app
# want
ADD a.txt b.txt /srv
# want
COPY ["a.conf", "b.conf", "/etc/app"]
