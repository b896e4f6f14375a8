FROM node:20-alpine
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
RUN npm install -g pnpm@9.1.0 && npm install --save-dev typescript@5.4.5
