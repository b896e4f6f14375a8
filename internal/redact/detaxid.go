package redact

// TypeDETaxID is the German tax identification number (Steuer-IdNr).
const TypeDETaxID = "DE_TAXID"

// deTaxIDRun: eleven digits, the first not 0, one digit repeated two or
// three times (not three in a row) in the first ten, and the ISO 7064
// MOD 11,10 check digit; bare or in groups of 2-3-3-3. More confident after
// "Steuer", "IdNr" or "tax".
func deTaxIDRun(text string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.nd != 11 || (r.ng != 1 && !r.groupsAre(2, 3, 3, 3)) {
		return Match{}, false
	}
	d := r.digitString()
	if d[0] == '0' || !taxDigitsOK(d[:10]) || mod1110(d[:10]) != d[10] {
		return Match{}, false
	}
	conf := 0.45
	if keywordBefore(text, r.start, "steuer", 32) || keywordBefore(text, r.start, "idnr", 32) ||
		keywordBefore(text, r.start, "tax", 32) {
		conf = 0.85
	}
	return r.match(TypeDETaxID, conf), true
}

// taxDigitsOK checks the repetition rule on the first ten digits.
func taxDigitsOK(d string) bool {
	var count [10]int
	for k := 0; k < len(d); k++ {
		count[d[k]-'0']++
	}
	repeated := 0
	for _, c := range count {
		switch {
		case c == 2 || c == 3:
			repeated++
		case c > 3:
			return false
		}
	}
	if repeated != 1 {
		return false
	}
	for k := 2; k < len(d); k++ {
		if d[k] == d[k-1] && d[k] == d[k-2] {
			return false
		}
	}
	return true
}

// mod1110 returns the ISO 7064 MOD 11,10 check digit for d.
func mod1110(d string) byte {
	product := 10
	for k := 0; k < len(d); k++ {
		sum := (int(d[k]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = sum * 2 % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return byte('0' + check)
}
