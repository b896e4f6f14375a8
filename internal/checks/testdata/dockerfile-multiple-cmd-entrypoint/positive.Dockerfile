FROM node:20-alpine
# want
ENTRYPOINT ["node"]
# want
CMD ["server.js"]
ENTRYPOINT ["/sbin/tini", "--", "node"]
CMD ["app.js"]
