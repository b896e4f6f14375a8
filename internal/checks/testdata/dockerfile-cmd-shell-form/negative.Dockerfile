FROM node:20-alpine AS build
CMD npm test

FROM node:20-alpine
COPY --from=build /src /app
ENTRYPOINT ["/usr/local/bin/start"]
CMD exec node app.js
