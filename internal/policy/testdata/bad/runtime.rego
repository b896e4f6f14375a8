package bad.runtime

deny contains msg if {
	rt := opa.runtime()
	msg := sprintf("%v", [rt.env])
}
