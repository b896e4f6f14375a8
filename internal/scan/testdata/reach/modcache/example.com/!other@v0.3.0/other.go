// Package other uses only the safe package.
package other

import (
	"fmt"

	"example.com/vuln/good"
)

// Greet greets.
func Greet() { fmt.Println(good.Hello()) }
