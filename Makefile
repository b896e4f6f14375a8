# Ward's build. `make test` is what CI runs (through .ci/run).
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS  := -s -w -X github.com/wardsec/ward/internal/cli.version=$(VERSION) -X github.com/wardsec/ward/internal/cli.commit=$(COMMIT)
FUZZTIME ?= 10s

.PHONY: build test bench fuzz lint scan clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/ward ./cmd/ward

test:
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Short runs of every fuzz target (go test -fuzz takes one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

scan: build
	./bin/ward scan . --no-progress

clean:
	rm -rf bin
