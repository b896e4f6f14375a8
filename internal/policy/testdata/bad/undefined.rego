package bad.undefined

deny contains msg if {
	input.kind == "Pod"
	msg := no_such_function(input)
}
