module example.com/missing

go 1.22

require example.com/gone v1.0.0

require example.com/vuln v1.0.0 // indirect
