package gateway

import (
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
	body      []byte
	fields    map[string]json.RawMessage
	model     string
	stream    bool
	maxTokens int // 0 when the request sets none
	// includeUsage is stream_options.include_usage as the client sent it.
	includeUsage bool
}

// readRequest reads and validates a JSON request body of at most limit
// bytes.
func readRequest(w http.ResponseWriter, r *http.Request, limit int64) (*inbound, *apiError) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return nil, errBadRequest("invalid_content_type", "Content-Type must be application/json")
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errTooLarge(limit)
		}
		return nil, errBadRequest("invalid_body", "could not read the request body")
	}
	return parseRequest(body)
}

// parseRequest validates a body: UTF-8, JSON, bounded nesting, and the
// types of the fields Ward reads.
func parseRequest(body []byte) (*inbound, *apiError) {
	if !utf8.Valid(body) {
		return nil, errBadRequest("invalid_json", "request body is not valid UTF-8")
	}
	if tooDeep(body) {
		return nil, errBadRequest("invalid_json", "request body nests deeper than 64 levels")
	}
	// Field names are matched exactly, as the providers match them (Go's
	// struct decoding would also take "Model" or "STREAM"), and the
	// whole body must be one object.
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, errBadRequest("invalid_json", "request body is not a JSON object: "+jsonProblem(err))
	}
	in := &inbound{body: body, fields: fields}
	if !field(fields, "model", &in.model) || in.model == "" {
		return nil, errBadRequest("missing_model", "request body has no model string")
	}
	var opts struct {
		IncludeUsage bool `json:"include_usage"`
	}
	if !field(fields, "stream", &in.stream) || !field(fields, "stream_options", &opts) {
		return nil, errBadRequest("invalid_json", "stream and stream_options have the wrong type")
	}
	in.includeUsage = opts.IncludeUsage
	for _, name := range [...]string{"max_tokens", "max_completion_tokens", "max_output_tokens"} {
		n := -1
		if !field(fields, name, &n) {
			return nil, errBadRequest("invalid_json", name+" must be an integer")
		}
		if raw, set := fields[name]; set && string(raw) != "null" {
			if n < 0 {
				return nil, errBadRequest("invalid_max_tokens", "max_tokens must not be negative")
			}
			in.maxTokens = n
		}
	}
	return in, nil
}

// field decodes fields[name] into v when it is present and not null; it
// reports false when the value has the wrong type.
func field(fields map[string]json.RawMessage, name string, v any) bool {
	raw, ok := fields[name]
	if !ok || string(raw) == "null" {
		return true
	}
	return json.Unmarshal(raw, v) == nil
}

// jsonProblem describes a decoding error without quoting the body.
func jsonProblem(err error) string {
	if err == nil {
		return "not an object"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "field " + te.Field + " has the wrong type"
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "syntax error"
	}
	return "not an object"
}

// tooDeep reports nesting deeper than maxNesting, outside strings.
func tooDeep(b []byte) bool {
	_, deep := nesting(b, func(_, depth int) bool { return depth > maxNesting })
	return deep
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

// promptTokens estimates a request's prompt tokens from its size: about
// four bytes a token, over the whole body (an overestimate, which is
// what a reservation wants).
func (in *inbound) promptTokens() int { return len(in.body)/4 + 1 }

// withUsage returns the body with stream_options.include_usage set, so a
// stream ends with a usage chunk Ward settles from.
func (in *inbound) withUsage() ([]byte, error) {
	opts := map[string]json.RawMessage{}
	if raw, ok := in.fields["stream_options"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &opts); err != nil {
			return nil, err
		}
	}
	opts["include_usage"] = json.RawMessage("true")
	raw, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	m := make(map[string]json.RawMessage, len(in.fields)+1)
	for k, v := range in.fields {
		m[k] = v
	}
	m["stream_options"] = raw
	return json.Marshal(m)
}

// setMaxTokens rewrites the body's completion limit to n: in the field
// the request used, else in the route's own (max_output_tokens for the
// Responses API, max_tokens elsewhere).
func (in *inbound) setMaxTokens(route string, n int) error {
	name := "max_tokens"
	if route == routeResponses {
		name = "max_output_tokens"
	}
	for _, f := range [...]string{"max_completion_tokens", "max_output_tokens", "max_tokens"} {
		if raw, ok := in.fields[f]; ok && string(raw) != "null" {
			name = f
		}
	}
	in.fields[name] = json.RawMessage(strconv.Itoa(n))
	body, err := json.Marshal(in.fields)
	if err != nil {
		return err
	}
	in.body, in.maxTokens = body, n
	return nil
}
