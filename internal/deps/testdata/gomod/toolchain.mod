module github.com/acme/billing

go 1.22.0

toolchain go1.22.3

godebug default=go1.21

require (
	github.com/go-chi/chi/v5 v5.0.12
	github.com/jackc/pgx/v5 v5.5.4
	golang.org/x/crypto v0.21.0
	google.golang.org/grpc v1.62.1
)

require (
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20221227161230-091c0ba34f0a // indirect
	github.com/acme/ledger v0.4.0 // indirect
	golang.org/x/net v0.22.0 // indirect
	golang.org/x/sys v0.18.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	github.com/docker/docker v24.0.7+incompatible // indirect
)

require github.com/acme/internal-tools v1.3.0

replace github.com/acme/internal-tools => ./tools

replace (
	golang.org/x/net v0.22.0 => golang.org/x/net v0.23.0
	github.com/acme/ledger => github.com/acme-forks/ledger v0.4.1-0.20240301101500-5f1e2d3c4b5a
	google.golang.org/grpc v1.50.0 => google.golang.org/grpc v1.50.1
)

exclude golang.org/x/crypto v0.20.0

retract v1.0.1 // published by mistake

tool golang.org/x/tools/cmd/stringer
