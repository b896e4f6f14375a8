package main

import "example.com/vuln/bad"

func main() { println(bad.Parse("x")) }
