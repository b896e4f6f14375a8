package secrets

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// A valueFilter judges a regex match with knowledge a regex cannot hold;
// it returns false to drop the match. Rules name one with `filter = "..."`.
type valueFilter func(in *filterInput) bool

type filterInput struct {
	rule   *Rule
	data   []byte // the whole input; chunk is data[base:]
	base   int
	chunk  []byte
	loc    []int
	secret string
	path   string
}

// group returns the text of the named group, or "".
func (in *filterInput) group(name string) string {
	i := in.rule.re.SubexpIndex(name)
	if i < 0 || in.loc[2*i] < 0 {
		return ""
	}
	return string(in.chunk[in.loc[2*i]:in.loc[2*i+1]])
}

// quoted reports whether the secret sits between quotes.
func (in *filterInput) quoted() bool {
	s, e := secretSpan(in.rule, in.loc)
	if s <= 0 || e >= len(in.chunk) {
		return false
	}
	q := in.chunk[s-1]
	return (q == '"' || q == '\'' || q == '`') && in.chunk[e] == q
}

// A prefilter looks at the bytes around a keyword hit (data[start:end]),
// says whether the rule's regex could match there and, if so, at which
// offsets a match must start (at most maxAnchors). The engine then runs the
// regex anchored at each offset instead of searching a whole window, which
// keeps hostile input (a megabyte-long line of assignments) linear. Rules
// name one with `prefilter = "..."`.
type prefilter func(data []byte, start, end int) (anchors [maxAnchors]int, n int)

const maxAnchors = 4

var prefilters = map[string]prefilter{
	"assignment": assignmentAhead,
	"jsonobject": jsonObjectAhead,
	"option":     optionAhead,
	"namevalue":  nameValueBefore,
}

// nameValueBefore accepts a keyword whose identifier follows "name:" on
// its line (a Kubernetes env entry, an Azure Pipelines variable) and
// anchors at "name".
func nameValueBefore(data []byte, start, end int) (a [maxAnchors]int, n int) {
	i := identStart(data, start)
	if i > 0 && (data[i-1] == '"' || data[i-1] == '\'') {
		i--
	}
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	if i < 5 || !strings.EqualFold(string(data[i-5:i]), "name:") {
		return a, 0
	}
	a[0] = i - 5
	return a, 1
}

// identStart walks back from a keyword to the start of its identifier.
func identStart(data []byte, start int) int {
	lo := max(0, start-maxNameLen)
	for start > lo && isNameByte(data[start-1]) {
		start--
	}
	return start
}

// skipName steps over the rest of an identifier and its closing quotes.
func skipName(data []byte, end, limit int) int {
	i := end
	for i < limit && isNameByte(data[i]) {
		i++
	}
	for i < limit && (data[i] == '"' || data[i] == '\'' || data[i] == '`' || data[i] == '\\' || data[i] == ']') {
		i++
	}
	return i
}

// assignmentAhead accepts a keyword followed, within its identifier,
// closing quotes and blanks, by an assignment (= := : , =>), an XML
// element's ">" or an XML attribute's value=; never "==". A match starts
// at the identifier, at a "<" just before it, or at the key= or name= of
// an XML attribute holding it.
func assignmentAhead(data []byte, start, end int) (a [maxAnchors]int, n int) {
	limit := min(len(data), end+96)
	i := skipName(data, end, limit)
	ok := false
	if i < limit && data[i] == '>' {
		ok = true
	} else {
		for i < limit && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		if i < limit {
			switch data[i] {
			case '=':
				ok = i+1 >= len(data) || data[i+1] != '='
			case ':', ',', '|', '?':
				ok = true
			case 'v', 'V':
				ok = i+5 <= len(data) && strings.EqualFold(string(data[i:i+5]), "value")
			}
		}
	}
	if !ok {
		return a, 0
	}
	id := identStart(data, start)
	a[n], n = id, n+1
	if id > 0 && data[id-1] == '<' {
		a[n], n = id-1, n+1
	}
	if k := xmlAttrStart(data, id); k >= 0 {
		a[n], n = k, n+1
	}
	return a, n
}

// xmlAttrStart finds key=" or name=" right before offset id (the start of
// an attribute's value) and returns where "key" or "name" begins, or -1.
func xmlAttrStart(data []byte, id int) int {
	i := id - 1
	if i < 0 || (data[i] != '"' && data[i] != '\'') {
		return -1
	}
	for i--; i >= 0 && (data[i] == ' ' || data[i] == '\t'); i-- {
	}
	if i < 0 || data[i] != '=' {
		return -1
	}
	for i--; i >= 0 && (data[i] == ' ' || data[i] == '\t'); i-- {
	}
	for _, w := range []string{"key", "name"} {
		if k := i + 1 - len(w); k >= 0 && strings.EqualFold(string(data[k:i+1]), w) {
			return k
		}
	}
	return -1
}

// jsonObjectAhead accepts a keyword whose JSON key opens an object,
// "adminPassword": {, and anchors at the key's opening quote.
func jsonObjectAhead(data []byte, start, end int) (a [maxAnchors]int, n int) {
	limit := min(len(data), end+96)
	i := skipName(data, end, limit)
	for i < limit && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	if i >= limit || data[i] != ':' {
		return a, 0
	}
	for i++; i < limit && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'); i++ {
	}
	if i >= limit || data[i] != '{' {
		return a, 0
	}
	a[0] = max(0, identStart(data, start)-1)
	return a, 1
}

// optionAhead accepts a keyword inside a command-line option that names a
// credential (-Password, --api-key, --db-password: the keyword is "-pass",
// "-api-key", …) and anchors just before the option's first dash.
func optionAhead(data []byte, start, end int) (a [maxAnchors]int, n int) {
	j := start
	for lo := max(0, start-64); j > lo && (isNameByte(data[j-1]) && data[j-1] != '.'); j-- {
	}
	if data[j] != '-' || (j > 0 && data[j-1] != ' ' && data[j-1] != '\t' && data[j-1] != '(') {
		return a, 0
	}
	a[0] = max(0, j-1)
	return a, 1
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// nameAfterColon reports a name inside a colon-separated identifier such
// as an ARN (arn:aws:secretsmanager:…:secret:prod/api).
func (in *filterInput) nameAfterColon() bool {
	i := in.rule.re.SubexpIndex("name")
	if i < 0 || in.loc[2*i] < 0 {
		return false
	}
	start := in.base + in.loc[2*i]
	return start >= 1 && in.data[start-1] == ':'
}

// shellExpansion reports a name written as ${NAME...}.
func (in *filterInput) shellExpansion() bool {
	i := in.rule.re.SubexpIndex("name")
	if i < 0 || in.loc[2*i] < 0 {
		return false
	}
	start := in.base + in.loc[2*i]
	return start >= 2 && in.data[start-2] == '$' && in.data[start-1] == '{'
}

// closesCall reports whether a quoted secret is followed by ")", as in
// setenv("API_KEY", "value").
func (in *filterInput) closesCall() bool {
	_, e := secretSpan(in.rule, in.loc)
	if !in.quoted() || !in.nameQuoted() {
		return false
	}
	rest := bytes.TrimLeft(in.chunk[e+1:], " \t")
	return len(rest) > 0 && rest[0] == ')'
}

// nameQuoted reports whether the name is a string literal ("API_KEY",
// 'db_password'), as in setenv("API_KEY", "…"), rather than a variable
// passed on to a function, as in HasPrefix(key, "…").
func (in *filterInput) nameQuoted() bool {
	i := in.rule.re.SubexpIndex("name")
	if i < 0 || in.loc[2*i] < 0 {
		return false
	}
	d := in.data
	j := in.base + in.loc[2*i] // the match may start inside the identifier
	for j > 0 && isIdentByte(d[j-1]) {
		j--
	}
	return j > 0 && (d[j-1] == '"' || d[j-1] == '\'' || d[j-1] == '`')
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// insideString reports whether the match starts inside a double-quoted
// string on its line, as in a connection string "Host=db;Password=...".
func (in *filterInput) insideString() bool {
	start, _ := secretSpan(in.rule, in.loc)
	start += in.base
	lo := max(0, start-maxLineTarget) // quotes further back than this are not counted
	ls := lo + bytes.LastIndexByte(in.data[lo:start], '\n') + 1
	quotes := 0
	for i := ls; i < start; i++ {
		if in.data[i] == '"' && (i == 0 || in.data[i-1] != '\\') {
			quotes++
		}
	}
	return quotes%2 == 1
}

var filters = map[string]valueFilter{
	"generic":     genericFilter,
	"placeholder": func(in *filterInput) bool { return !isPlaceholder(in.secret) },
}

// credentialWords are name tokens that say a value is a credential.
var credentialWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pass": true, "passphrase": true, "passcode": true,
	"secret": true, "secrets": true, "token": true, "pat": true, "apikey": true, "key": true, "auth": true,
	"credential": true, "credentials": true, "creds": true, "cred": true, "privatekey": true,
	"accesskey": true, "secretkey": true, "clientsecret": true, "accesstoken": true, "authtoken": true,
	"apitoken": true, "apisecret": true, "masterkey": true, "signingkey": true, "encryptionkey": true,
	"dbpassword": true, "dbpass": true, "adminpassword": true, "rootpassword": true, "sessionsecret": true,
	"jwtsecret": true, "bearertoken": true, "refreshtoken": true, "authkey": true, "secretaccesskey": true,
}

// strongWords make a name unambiguous even with a hex value.
var strongWords = []string{"license", "secret", "pass", "pwd", "token", "api", "private", "access", "auth", "cred", "signing", "master", "encrypt"}

// metadataWords, as a name's last token, say the value describes a
// credential rather than being one (password_length, token_url, key_id).
var metadataWords = map[string]bool{
	"id": true, "ids": true, "name": true, "names": true, "url": true, "uri": true, "path": true, "file": true,
	"filename": true, "dir": true, "length": true, "len": true, "size": true, "type": true, "format": true,
	"version": true, "hash": true, "digest": true, "checksum": true, "count": true, "max": true, "min": true,
	"timeout": true, "ttl": true, "expiry": true, "expires": true, "expiration": true, "prefix": true,
	"header": true, "field": true, "param": true, "label": true, "policy": true, "mode": true,
	"algorithm": true, "alg": true, "endpoint": true, "host": true, "region": true, "env": true,
	"ref": true, "arn": true, "location": true, "provider": true, "pattern": true, "regex": true,
	"enabled": true, "required": true, "placeholder": true, "hint": true, "label_text": true, "style": true,
	"class": true, "icon": true, "title": true, "text": true, "message": true, "msg": true, "error": true,
	"description": true, "desc": true, "help": true, "key": false, "fingerprint": true, "index": true,
	"column": true, "table": true, "store": true, "vault": true, "manager": true, "service": true,
	"email": true, "mail": true, "user": true, "username": true, "login": true, "account": true, "owner": true,
	"sha": true, "sha1": true, "sha256": true, "sha384": true, "sha512": true, "md5": true, "hashed": true,
	"algo": true, "hasher": true, "cipher": true,
	"strategy": true, "scheme": true, "usage": true, "validator": true, "validation": true, "rule": true,
	"rules": true, "reset": true, "expired": true, "encoding": true, "storage": true, "source": true,
}

// notCredentialWords look like credential words but are not.
var notCredentialWords = map[string]bool{
	"tokenizer": true, "tokenize": true, "tokens": true, "keyboard": true, "keyword": true, "keywords": true,
	"keys": true, "keystore": true, "keyframe": true, "keyframes": true, "keypress": true, "keydown": true,
	"keyup": true, "keycode": true, "passenger": true, "passage": true, "passthrough": true, "passive": true,
	"bypass": true, "compass": true, "monkey": true, "turkey": true, "hockey": true, "donkey": true,
	"author": true, "authors": true, "authored": true, "pass_through": true, "passed": true, "passes": true,
	"public": true, "pub": true, "publickey": true, "pubkey": true, "primarykey": true, "foreignkey": true,
	"sortkey": true, "partitionkey": true, "cachekey": true, "hashkey": true, "rangekey": true,
	"idempotencykey": true, "lookupkey": true, "site": true, "secretsmanager": true, "secretmanager": true, "sitekey": true, "mapkey": true, "tokentype": true, "authmethod": true,
	"authtype": true, "authmode": true, "authorization": false,
}

// codeExts are source files where an unquoted value is an expression.
var codeExts = map[string]bool{
	".go": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".jsx": true, ".tsx": true,
	".py": true, ".rb": true, ".java": true, ".kt": true, ".kts": true, ".scala": true, ".cs": true,
	".php": true, ".rs": true, ".c": true, ".cc": true, ".cpp": true, ".h": true, ".hpp": true,
	".swift": true, ".m": true, ".dart": true, ".lua": true, ".pl": true, ".r": true, ".ex": true,
	".exs": true, ".clj": true, ".groovy": true, ".vue": true, ".svelte": true, ".fs": true, ".vb": true,
	".jl": true, ".zig": true, ".html": true, ".htm": true, ".css": true, ".scss": true, ".nim": true, ".erl": true, ".hs": true, ".ml": true, ".sql": true,
}

// Bounds of the generic rule, kept here rather than as regex repetition
// counts, which would multiply the regex program's size.
const (
	maxNameLen  = 80
	maxValueLen = 200
)

// genericFilter is the judgement behind the generic credential rule: the
// name must be a credential's name and the value must look like a secret,
// not a placeholder, reference, identifier, hash or public value.
func genericFilter(in *filterInput) bool {
	name := in.group("name")
	for _, g := range []string{"xname", "vname"} {
		if name == "" {
			name = in.group(g)
		}
	}
	if name == "" {
		name = in.group("tname")
	}
	if len(name) > maxNameLen || len(in.secret) > maxValueLen {
		return false
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i+1 < len(name) {
		name = name[i+1:] // pass.Pkg, token.Pos: only the field names the value
	}
	tokens := nameTokens(name)
	if !isCredentialName(tokens) {
		return false
	}
	v := in.secret
	if in.shellExpansion() || in.nameAfterColon() {
		return false // ${DB_PASSWORD:?unset} names a variable; arn:…:secret:name is a path
	}
	if in.group("op") == "," && !in.closesCall() {
		return false // "name", "value" in a list rather than ("name", "value") in a call
	}
	if !in.quoted() && in.group("xname") == "" && in.group("tname") == "" {
		if (codeExts[strings.ToLower(path.Ext(in.path))] && !in.insideString()) || looksLikeExpression(v) {
			return false
		}
		if i := strings.IndexByte(v, '='); i >= 0 && strings.Trim(v[i:], "=") != "" {
			return false // "Key=int32/Elem=int64": more pairs, not a value
		}
	}
	return plausibleSecret(v, tokens)
}

// nameTokens splits an identifier at separators and camelCase humps
// ("testKeyEC512PubX" is test, key, ec512, pub, x); trailing digits are
// dropped from each token ("size768" is size).
func nameTokens(name string) []string {
	var tokens []string
	var cur []byte
	flush := func() {
		if t := strings.TrimRight(strings.ToLower(string(cur)), "0123456789"); t != "" {
			tokens = append(tokens, t)
		}
		cur = cur[:0]
	}
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == '.' || c == ' ' || c == '/' || c == ':':
			flush()
			continue
		case isUpper(c) && i > 0 && (isLower(name[i-1]) || isDigit(name[i-1])):
			flush()
		case isUpper(c) && i > 0 && isUpper(name[i-1]) && i+1 < len(name) && isLower(name[i+1]):
			flush()
		}
		cur = append(cur, c)
	}
	flush()
	return tokens
}

func isCredentialName(tokens []string) bool {
	if len(tokens) == 0 {
		return false
	}
	if metadataWords[tokens[len(tokens)-1]] {
		return false
	}
	joined := strings.Join(tokens, "")
	if notCredentialWords[joined] {
		return false
	}
	found := false
	for _, t := range tokens {
		if notCredentialWords[t] {
			return false
		}
		if credentialWords[t] {
			found = true
		}
	}
	if found {
		return true
	}
	for _, w := range []string{"password", "passwd", "secret", "apikey", "token", "credential"} {
		if strings.Contains(joined, w) && !strings.Contains(joined, "tokeniz") {
			return true
		}
	}
	return strings.HasSuffix(joined, "key") && len(joined) > 3 && hasStrongWord(joined)
}

func hasStrongWord(s string) bool {
	for _, w := range strongWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	dottedIdent   = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$`)
	constantName  = regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`)
	snakeName     = regexp.MustCompile(`^_*[a-z][a-z0-9]{0,15}([_\-.][a-z0-9]{1,16})+_*$`)
	camelName     = regexp.MustCompile(`^[a-z]{2,}([A-Z][a-z]{2,})+\d*$|^([A-Z][a-z]{2,}){2,}\d*$`)
	emailRe       = regexp.MustCompile(`^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
	headerNameRe  = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*(-[A-Z][A-Za-z0-9]*)+$`)
	hexRunRe      = regexp.MustCompile(`[0-9a-fA-F]{32}`)
	algorithmRe   = regexp.MustCompile(`(?i)^(argon2(id|i|d)?|bcrypt|scrypt|pbkdf2(_sha\d+)?|sha-?\d+|md5|hs\d{3}|rs\d{3}|es\d{3}|ps\d{3}|aes-?\d{3}(-gcm|-cbc)?|chacha20(-poly1305)?|ed25519|x25519)$`)
	encryptedRe   = regexp.MustCompile(`^(ENC\[[A-Z0-9_]+,|EJ\[\d:|ENC\(|\$ANSIBLE_VAULT;|\{cipher\}|vault:v\d+:|AQICAH|age1[a-z0-9]{20,}|-----BEGIN AGE ENCRYPTED)`)
	wordPathRe    = regexp.MustCompile(`^[a-z0-9_.-]+(/[a-z0-9_.-]+)+$`) // prod/payments/stripe: a secret's name in a store
	dateRe        = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([T ][0-9:.]+)?(Z|[+-]\d{2}:?\d{2})?$`)
	wordRe        = regexp.MustCompile(`^_*[A-Z]?[a-z]+_*$|^_*[A-Z]+_*$`)
	lettersRe     = regexp.MustCompile(`^[A-Za-z]+$`)
	uuidRe        = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	hexRe         = regexp.MustCompile(`^(?i)[0-9a-f]+$`)
	numberRe      = regexp.MustCompile(`^[0-9.,:+\-_ ]+$`)
	versionRe     = regexp.MustCompile(`^v?\d+(\.\d+)+([-+.][0-9A-Za-z.]+)?$`)
	hashedPwRe    = regexp.MustCompile(`(?i)^(\$(2[abxy]?|1|5|6|argon2(id|i|d)?|scrypt|pbkdf2[-a-z0-9]*|y|7)\$|\{(SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|PBKDF2)\}|(sha1|sha256|sha384|sha512|md5|blake2b?)[:\-$]|hmac-sha\d+:|(pbkdf2_sha\d+|argon2(id|i|d)?|bcrypt(_sha256)?|scrypt)\$)`)
	envRefRe      = regexp.MustCompile(`(?i)(process\.env|os\.environ|getenv|system\.getenv|environment\.get|env\[|env\(|env\.|\$env:|settings\.|config\.|secrets\.|vault:|ref\+|secretsmanager|keyvault|ssm:|parameterstore)`)
	placeholderRe = regexp.MustCompile(`(?i)(^<[^>]*>$|^\[[^\]]*\]$|^\{[^}]*\}$|^%[^%]+%$|^@[^@]+@$|^__[A-Za-z0-9_]+__$|^\$[A-Za-z_{(]|\$\{[A-Za-z_]|\{\{\s*[A-Za-z_.$]|<%[=\s-]|#\{[A-Za-z_]|\$\([A-Za-z_ ]|%\([A-Za-z_]+\)[sd]|\{0\}|^%[sdv]$|%0\d+[dxX]|^%[a-zA-Z]/|` +
		`your|example|sample|placeholder|change.?me|replace|insert|dummy|fake|xxx|\*\*\*|\.\.\.|redacted|removed|hidden|masked|todo|fixme|notreal|not.a.real|foobar|lorem|enter.?your|put.?your|_here|goes.?here|test|mock|^none$|^null$|^nil$|^undefined$|^true$|^false$|^string$|^required$|^optional$|^default$|^empty$|^secret$|^password$|^token$|^bearer$|^basic$)`)
	sequenceRe = regexp.MustCompile(`(?i)(0123456|1234567|abcdefg|qwerty|asdfgh|zxcvbn)`)
	publicRe   = regexp.MustCompile(`^(0x[0-9a-fA-F]{40}$|B[A-Za-z0-9_-]{86}$|pk_(live|test)_|pk\.ey|phc_|NRJS-|pub[0-9a-f]{32}$|rzp_(live|test)_[A-Za-z0-9]{14}$|ssh-(rsa|ed25519|dss) |ecdsa-sha2|-----BEGIN (PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY|PGP PUBLIC)|npub1|G-[A-Z0-9]{6,}$|UA-\d+-\d+$|pub-[0-9a-f]+$)`)
	fileRe     = regexp.MustCompile(`(?i)(:/[\w.-]+/|^[a-z][a-z0-9+.-]{1,15}://[^@\s]*$|^[\w.-]+(/[\w.-]+)+\.[a-z0-9]{1,5}$|^(/|\./|\.\./|~/|[a-z]:\\)|/\.\./|^https?://[^@]*$|\.(pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|xml|ini|cfg|conf|env|properties|toml|sh|pub|gpg|asc)$)`)
)

// regexSyntaxRe matches constructs only regular expressions use: flags
// groups, non-capturing groups, escapes of character classes and word
// boundaries, negated classes and anchored alternations.
var regexSyntaxRe = regexp.MustCompile(`\(\?[imsU:!=<]|\\[bBdDsSwW][*+?{)|\]]|\[\^|\)[*+?]|\|[^|]*\)\$?$`)

// isPlaceholder reports values that stand for a secret without being one.
func isPlaceholder(v string) bool {
	return placeholderRe.MatchString(v) || envRefRe.MatchString(v)
}

func looksLikeExpression(v string) bool {
	return strings.ContainsAny(v, "()[]{}") || dottedIdent.MatchString(v) || strings.HasPrefix(v, "$")
}

var checksummedPrefixRe = regexp.MustCompile(`^(gh[pousr]|npm)_[A-Za-z0-9]{36}$`)

// concatRe matches the inside of a string that is really code between two
// string literals: "password = " + getPassword() + "\n".
var concatRe = regexp.MustCompile(`^\s*(\+|\.|&|\.\.)\s*[A-Za-z_$][\w.$]*(\(.*\))?\s*(\+|\.|&|\.\.)?\s*$|^\s*[A-Za-z_$][\w.$]*(\(.*\))?\s*(\+|&|\.\.)\s*$`)

// trailingEscapes are escape sequences a string literal may end with
// ("openssh-key-v1\x00"); they are not part of a value's shape.
var trailingEscapes = []string{`\x00`, `\0`, `\n`, `\r`, `\t`}

func trimEscapes(v string) string {
	for again := true; again; {
		again = false
		for _, e := range trailingEscapes {
			if strings.HasSuffix(v, e) {
				v, again = strings.TrimSuffix(v, e), true
			}
		}
	}
	return v
}

// plausibleSecret judges the value under a credential's name.
func plausibleSecret(v string, tokens []string) bool {
	v = trimEscapes(v)
	password := false
	for _, t := range tokens {
		if strings.HasPrefix(t, "pass") || t == "pwd" || strings.Contains(t, "password") || strings.Contains(t, "passwd") {
			password = true
		}
	}
	minLen := 10
	if password {
		minLen = 8
	}
	if len(v) < minLen || strings.ContainsAny(v, " \t") {
		return false
	}
	if concatRe.MatchString(v) {
		return false
	}
	if checksummedPrefixRe.MatchString(v) && !crc32Base62Valid(v) {
		return false // a GitHub or npm token shape whose checksum fails: not a real token
	}
	if encryptedRe.MatchString(v) || nonASCIILetters(v) || algorithmRe.MatchString(v) {
		return false // ciphertext (SOPS, EJSON, ansible-vault, Jasypt) or prose
	}
	if regexSyntaxRe.MatchString(v) {
		return false // a regular expression that matches secrets, not one
	}
	if isPlaceholder(v) || sequenceRe.MatchString(v) || repeatsChar(v, 6) || publicRe.MatchString(v) || fileRe.MatchString(v) {
		return false
	}
	if uuidRe.MatchString(v) || numberRe.MatchString(v) || dateRe.MatchString(v) || versionRe.MatchString(v) || hashedPwRe.MatchString(v) {
		return false
	}
	if !randomLooking(v) && (constantName.MatchString(v) || snakeName.MatchString(v) || camelName.MatchString(v) || dottedIdent.MatchString(v)) {
		return false
	}
	joinedName := strings.Join(tokens, "")
	if lv := strings.ToLower(v); strings.Contains(lv, joinedName) || strings.Contains(joinedName, lv) {
		return false
	}
	if !hasStrongWord(joinedName) && (hexRe.MatchString(v) || hexRunRe.MatchString(v)) {
		return false // a digest or public id under a plain "key" name (cache: key: deps-<sha>)
	}
	if emailRe.MatchString(v) || headerNameRe.MatchString(v) || wordPathRe.MatchString(v) || strings.HasPrefix(v, "arn:") {
		return false
	}
	if wordRe.MatchString(v) || (!password && lettersRe.MatchString(v) && !randomLooking(v)) {
		return false
	}
	classes := charClasses(v)
	h := entropy(v)
	if password {
		return classes >= 2 && h >= 2.5
	}
	if classes < 2 {
		return false
	}
	return h >= 3.0
}

// nonASCIILetters reports text with letters outside ASCII ("Schlüssel"):
// a translation, not a key.
func nonASCIILetters(v string) bool {
	for _, r := range v {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// randomLooking reports values too long and too varied to be a name:
// identifiers in code rarely pass 4.3 bits per byte over 24 bytes.
func randomLooking(v string) bool {
	return len(v) >= 24 && entropy(v) >= 4.3 && charClasses(v) >= 3
}

func charClasses(v string) int {
	var lower, upper, digit, other int
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z':
			lower = 1
		case 'A' <= c && c <= 'Z':
			upper = 1
		case '0' <= c && c <= '9':
			digit = 1
		default:
			other = 1
		}
	}
	return lower + upper + digit + other
}

// repeatsChar reports a run of n or more equal bytes.
func repeatsChar(v string, n int) bool {
	run := 1
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1] {
			if run++; run >= n {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}
