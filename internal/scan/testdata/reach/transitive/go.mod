module example.com/transitive

go 1.22

require example.com/lib v1.2.0

require example.com/vuln v1.0.0 // indirect
