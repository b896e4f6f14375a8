// Package good is safe.
package good

// Hello is safe.
func Hello() string { return "hello" }
