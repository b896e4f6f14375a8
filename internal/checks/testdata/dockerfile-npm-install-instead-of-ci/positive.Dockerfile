FROM node:20-alpine
COPY package.json package-lock.json ./
# want
RUN npm install
# want
RUN npm i --omit dev && npm run build
