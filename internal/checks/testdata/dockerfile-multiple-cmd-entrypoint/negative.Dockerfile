FROM node:20-alpine AS build
CMD ["npm", "test"]

FROM node:20-alpine
ENTRYPOINT ["node"]
CMD ["app.js"]
