package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// maxNesting bounds JSON nesting in a request body.
const maxNesting = 64

// defaultMaxTokens is the completion size a budget reservation assumes
// when a request sets no max_tokens.
const defaultMaxTokens = 4096

// inbound is what Ward reads of a request body; the body itself is
// forwarded as it came (or with stream_options.include_usage added).
type inbound struct {
	body []byte
	// fields are body's members, once a rewrite needed them (members).
	fields    map[string]json.RawMessage
	model     string
	stream    bool
	maxTokens int // per answer; 0 when the request sets none
	// choices is how many answers the request asks for (n, best_of):
	// each may be maxTokens long.
	choices int
	// includeUsage is stream_options.include_usage as the client sent it.
	includeUsage bool
}

// readRequest reads and validates a JSON request body of at most limit
// bytes whose top-level keys fields allows.
func readRequest(w http.ResponseWriter, r *http.Request, limit int64, fields fieldSet) (*inbound, *apiError) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return nil, errBadRequest("invalid_content_type", "Content-Type must be application/json")
		}
	}
	body, err := readAll(http.MaxBytesReader(w, r.Body, limit), r.ContentLength, limit)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errTooLarge(limit)
		}
		return nil, errBadRequest("invalid_body", "could not read the request body")
	}
	return parseBody(body, fields)
}

// readAll reads r to its end. A body whose length is declared (and
// within limit) is read into one buffer of that size: io.ReadAll starts
// at 512 bytes and grows, then copies the pieces into a final slice, so
// a prompt of some kilobytes cost about twice its size.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, size+1) // +1: room for the read that finds the end
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) { // more than declared: a reader that does not stop at the length
			b = append(b, 0)[:len(b)]
		}
	}
}

// parseBody validates a body: UTF-8, JSON, bounded nesting, top-level
// keys that known allows, and the types of the fields Ward reads.
func parseBody(body []byte, known fieldSet) (*inbound, *apiError) {
	if !utf8.Valid(body) {
		return nil, errBadRequest("invalid_json", "request body is not valid UTF-8")
	}
	dup, hasDup, deep := jsonShape(body)
	if deep {
		return nil, errBadRequest("invalid_json", "request body nests deeper than 64 levels")
	}
	// Field names are matched exactly, as the providers match them (Go's
	// struct decoding would also take "Model" or "STREAM"), and the
	// whole body must be one object. Only the fields Ward reads are
	// decoded here: the map of all of them, which a rewrite needs, is
	// made from the body when one does (inbound.members).
	if !json.Valid(body) {
		return nil, errBadRequest("invalid_json", "request body is not a JSON object: syntax error")
	}
	var fields [len(readFields)]json.RawMessage
	unknown, ok := topMembers(body, readFields[:], fields[:], known)
	if !ok {
		return nil, errBadRequest("invalid_json", "request body is not a JSON object: not an object")
	}
	if unknown != nil {
		return nil, known.errUnknownField(unknown)
	}
	in := &inbound{body: body}
	if !field(fields[readModel], &in.model) || in.model == "" {
		return nil, errBadRequest("missing_model", "request body has no model string")
	}
	var opts struct {
		IncludeUsage bool `json:"include_usage"`
	}
	if !field(fields[readStream], &in.stream) || !field(fields[readStreamOptions], &opts) {
		return nil, errBadRequest("invalid_json", "stream and stream_options have the wrong type")
	}
	in.includeUsage = opts.IncludeUsage
	// A body may set several limits (a provider honours one of them):
	// the largest is the one a reservation must assume.
	for i, name := range tokenFields {
		n, err := count(fields[readTokens+i], name, 0)
		if err != nil {
			return nil, err
		}
		in.maxTokens = max(in.maxTokens, n)
	}
	in.choices = 1
	for i, name := range [...]string{"n", "best_of"} {
		n, err := count(fields[readN+i], name, 1)
		if err != nil {
			return nil, err
		}
		in.choices = max(in.choices, n)
	}
	if in.choices > maxChoices {
		return nil, errBadRequest("invalid_n", "n and best_of must be at most "+strconv.Itoa(maxChoices))
	}
	if hasDup {
		return nil, errBadRequest("invalid_json", "request body has the key "+quoteKey(dup)+" twice in one object")
	}
	return in, nil
}

// tokenFields are the names the APIs give a completion's token limit.
var tokenFields = [...]string{"max_tokens", "max_completion_tokens", "max_output_tokens"}

// maxChoices bounds n and best_of (OpenAI's own bound).
const maxChoices = 128

// readFields are the members of a request body parseBody reads, at
// the indexes below.
var readFields = [...]string{"model", "stream", "stream_options", "max_tokens", "max_completion_tokens", "max_output_tokens", "n", "best_of"}

const (
	readModel = iota
	readStream
	readStreamOptions
	readTokens // tokenFields, in their order
	readN      = readTokens + len(tokenFields)
)

// count reads raw, the value of the field name, as a count of at least
// least, or 0 when it is absent or null.
func count(raw json.RawMessage, name string, least int) (int, *apiError) {
	if raw == nil || string(raw) == "null" {
		return 0, nil
	}
	var n int
	if json.Unmarshal(raw, &n) != nil {
		return 0, errBadRequest("invalid_json", name+" must be an integer")
	}
	if n < least {
		return 0, errBadRequest("invalid_"+name, name+" must be at least "+strconv.Itoa(least))
	}
	return n, nil
}

// field decodes raw, a field's value, into v when it is present and not
// null; it reports false when the value has the wrong type.
func field(raw json.RawMessage, v any) bool {
	if raw == nil || string(raw) == "null" {
		return true
	}
	return json.Unmarshal(raw, v) == nil
}

// topMembers sets vals[i] to the value, as written, of the member of the
// JSON object b named names[i] (of the last one, when the name is given
// twice, as decoders keep it), or reports false when b is not an object;
// it stops at the first key known does not allow, and returns it. b must
// be valid JSON (json.Valid). Keys are compared as a decoder reads them
// ("mod\u0065l" is "model").
func topMembers(b []byte, names []string, vals []json.RawMessage, known fieldSet) (unknown []byte, ok bool) {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return nil, false
	}
	for i = skipSpace(b, i+1); b[i] == '"'; {
		end := stringEnd(b, i)
		key := jsonKey(b[i : end+1])
		if !known.allows(key) {
			return key, true
		}
		i = skipSpace(b, skipSpace(b, end+1)+1) // past the colon
		vend := valueEnd(b, i)
		for n, name := range names {
			if string(key) == name {
				vals[n] = b[i:vend]
			}
		}
		if i = skipSpace(b, vend); b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil, true
}

// skipSpace returns the index of the first byte from i that is not JSON
// white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value that starts at
// b[i], in valid JSON.
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i) + 1
	case '{', '[':
		end, _ := nesting(b[i:], func(_, depth int) bool { return depth == 0 })
		return i + end + 1
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
	}
	return i
}

// nesting walks the brackets of a JSON text outside strings, calling
// stop with each bracket's index and the depth after it, until stop
// returns true; it returns that index and true, or -1 and false.
func nesting(b []byte, stop func(i, depth int) bool) (int, bool) {
	depth, inString, escaped := 0, false, false
	for i, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		case c == '"':
			inString = true
			continue
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		default:
			continue
		}
		if stop(i, depth) {
			return i, true
		}
	}
	return -1, false
}

// completionBound is the most tokens the request's answers may hold:
// limit per answer (the request's own, or perAnswer when it sets none)
// times the answers asked for.
func (in *inbound) completionBound(perAnswer int) int {
	if in.maxTokens > 0 {
		perAnswer = in.maxTokens
	}
	return min(perAnswer, 1<<40/maxChoices) * in.choices
}

// jsonShape walks a JSON text once, outside strings: it reports a key
// set twice in one object (parsers disagree on which of the two counts:
// Go's and Python's take the last, others the first or refuse, so a body
// with one could be checked, priced and judged as one request and run as
// another), and nesting deeper than maxNesting, where it stops. Text that
// is not JSON ends the walk early; the decoder refuses it.
//
// The keys of all open objects share one list, each object's after its
// parent's, and both the list and the stack of containers start in
// arrays on the stack: a chat request's many small objects (its
// messages) then cost no allocation.
func jsonShape(b []byte) (dup string, hasDup, deep bool) {
	var stackBuf [16]container
	var keysBuf [32][]byte
	stack, keys := stackBuf[:0], keysBuf[:0]
	expectKey := false
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			if len(stack) == maxNesting {
				return "", false, true
			}
			stack = append(stack, container{array: b[i] == '[', from: len(keys)})
			expectKey = b[i] == '{'
		case '}', ']':
			if len(stack) == 0 {
				return "", false, false
			}
			keys = keys[:stack[len(stack)-1].from]
			stack = stack[:len(stack)-1]
		case ',':
			expectKey = len(stack) > 0 && !stack[len(stack)-1].array
		case '"':
			end := stringEnd(b, i)
			if end < 0 {
				return "", false, false // an unterminated string
			}
			if expectKey && len(stack) > 0 {
				k := jsonKey(b[i : end+1])
				var ok bool
				if keys, ok = stack[len(stack)-1].add(keys, k); !ok {
					return string(k), true, false
				}
				expectKey = false
			}
			i = end
		}
	}
	return "", false, false
}

// container is an open object or array; an object's keys are keys[from:]
// of jsonShape's list while few, then a set.
type container struct {
	array bool
	from  int
	set   map[string]struct{}
}

// add adds k to the object's keys, the tail of keys from c.from, and
// returns the list, or reports false when k was already there.
func (c *container) add(keys [][]byte, k []byte) ([][]byte, bool) {
	if c.set != nil {
		if _, dup := c.set[string(k)]; dup {
			return keys, false
		}
		c.set[string(k)] = struct{}{}
		return keys, true
	}
	for _, seen := range keys[c.from:] {
		if bytes.Equal(seen, k) {
			return keys, false
		}
	}
	keys = append(keys, k)
	if len(keys)-c.from > 16 {
		c.set = make(map[string]struct{}, 2*(len(keys)-c.from))
		for _, k := range keys[c.from:] {
			c.set[string(k)] = struct{}{}
		}
		keys = keys[:c.from]
	}
	return keys, true
}

// stringEnd is the index of the quote closing the string that opens at
// b[i], or -1 when none does.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// jsonKey decodes a quoted key ("mod\u0065l" is "model" to a parser).
func jsonKey(q []byte) []byte {
	if bytes.IndexByte(q, '\\') < 0 {
		return q[1 : len(q)-1]
	}
	var k string
	if json.Unmarshal(q, &k) != nil {
		return q
	}
	return []byte(k)
}

// quoteKey names a key back to a client when it is a plain field name.
func quoteKey(k string) string {
	if len(k) > 64 || !plainID(k) || keyShaped(k) {
		return "(a key)"
	}
	return `"` + k + `"`
}

// promptTokens estimates a request's prompt tokens from its size: about
// four bytes a token, over the whole body (an overestimate, which is
// what a reservation wants).
func (in *inbound) promptTokens() int { return len(in.body)/4 + 1 }

// members returns the body's members, decoded from it on first use, as
// parseBody once did for every request: most are forwarded as they
// came. Until then the body is the one parseBody read (the rewrites
// below keep the map and the body in step).
func (in *inbound) members() (map[string]json.RawMessage, error) {
	if in.fields == nil {
		if err := json.Unmarshal(in.body, &in.fields); err != nil {
			return nil, err
		}
	}
	return in.fields, nil
}

// withUsage returns the body with stream_options.include_usage set, so a
// stream ends with a usage chunk Ward settles from.
func (in *inbound) withUsage() ([]byte, error) {
	fields, err := in.members()
	if err != nil {
		return nil, err
	}
	opts := map[string]json.RawMessage{}
	if raw, ok := fields["stream_options"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &opts); err != nil {
			return nil, err
		}
	}
	opts["include_usage"] = json.RawMessage("true")
	raw, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	m := make(map[string]json.RawMessage, len(fields)+1)
	for k, v := range fields {
		m[k] = v
	}
	m["stream_options"] = raw
	return json.Marshal(m)
}

// setMaxTokens rewrites the body's completion limit per answer to n: in
// every limit field the request set, else in the route's own
// (max_output_tokens for the Responses API, max_tokens elsewhere, and
// max_completion_tokens for OpenAI's and Azure's own chat completions,
// whose reasoning models refuse max_tokens).
func (in *inbound) setMaxTokens(route string, n int, openAI bool) error {
	fields, err := in.members()
	if err != nil {
		return err
	}
	set := false
	for _, f := range tokenFields {
		if raw, ok := fields[f]; ok && string(raw) != "null" {
			fields[f] = json.RawMessage(strconv.Itoa(n))
			set = true
		}
	}
	if !set {
		name := "max_tokens"
		switch {
		case route == routeResponses:
			name = "max_output_tokens"
		case route == routeChat && openAI:
			name = "max_completion_tokens"
		}
		fields[name] = json.RawMessage(strconv.Itoa(n))
	}
	body, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	in.body, in.maxTokens = body, n
	return nil
}
