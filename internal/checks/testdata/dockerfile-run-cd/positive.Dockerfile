FROM golang:1.22
# want
RUN cd /src && go build ./...
# want
RUN git clone https://github.com/example/app.git /app && cd /app && make
