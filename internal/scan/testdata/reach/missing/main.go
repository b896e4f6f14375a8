package main

import "example.com/gone"

func main() { gone.Run() }
