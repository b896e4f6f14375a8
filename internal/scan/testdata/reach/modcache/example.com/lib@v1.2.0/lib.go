// Package lib uses the vulnerable package.
package lib

import "example.com/vuln/bad"

// Run parses.
func Run() string { return bad.Parse("x") }
