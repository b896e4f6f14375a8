module example.com/unimported

go 1.22

require example.com/Other v0.3.0

require example.com/vuln v1.0.0 // indirect
