ARG BASE=nginx
# want
FROM ${BASE}
