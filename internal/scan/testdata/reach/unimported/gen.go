//go:build ignore

// gen is run by hand with go run gen.go; no build includes it.
package main

import "example.com/vuln/bad"

func main() { println(bad.Parse("gen")) }
