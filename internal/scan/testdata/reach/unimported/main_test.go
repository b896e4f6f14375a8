package main

import (
	"testing"

	"example.com/vuln/good"
)

func TestHello(t *testing.T) {
	if good.Hello() == "" {
		t.Fatal("empty")
	}
}
