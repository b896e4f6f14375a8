// Package nested is its own module and imports the vulnerable package.
package nested

import "example.com/vuln/bad"

// Run parses.
func Run() string { return bad.Parse("n") }
