module example.com/unimported/nested

go 1.22

require example.com/vuln v1.0.0
