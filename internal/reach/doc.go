// Package reach decides whether a Go module on disk imports a package,
// directly or through its dependencies: the package ("imports") level of
// govulncheck, without its call graph.
//
// It starts from every Go file of the module (tests included, build
// constraints ignored except "ignore", as go mod tidy reads them), and
// follows imports through the vendor folder, local replace targets and
// the module cache. It reads only the package clause and imports of each
// file.
//
// It never runs the go command, never touches the network, never writes,
// and never guesses: when the go.mod cannot be read or predates Go 1.17,
// or a bound is reached, the answer is Unknown and the caller keeps
// reporting what it would have reported without it. A required module
// that is not on disk (go build downloads only what the current platform
// compiles) makes the answer Unknown for the modules its go.mod files may
// lead to, and only for those.
package reach
