package main

import other "example.com/Other"

func main() { other.Greet() }
