FROM node:20-alpine
COPY package.json yarn.lock my_app/
COPY package.json /app/package.json
COPY a b ${DEST}
COPY ["a.conf", "b.conf", "/etc/app/"]
