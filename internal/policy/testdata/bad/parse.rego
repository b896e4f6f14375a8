package bad

deny contains msg if {
	msg := "unterminated
}
