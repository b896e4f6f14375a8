// Package bad holds the vulnerable code.
package bad

// Parse is vulnerable.
func Parse(s string) string { return s }
