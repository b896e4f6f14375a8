package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
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
	model     string
	stream    bool
	maxTokens int // 0 when the request sets none
	// includeUsage is stream_options.include_usage as the client sent it.
	includeUsage bool
}

// wireRequest holds the fields Ward reads, for every route; others pass
// through unread.
type wireRequest struct {
	Model               *string `json:"model"`
	Stream              bool    `json:"stream"`
	MaxTokens           *int    `json:"max_tokens"`
	MaxCompletionTokens *int    `json:"max_completion_tokens"`
	MaxOutputTokens     *int    `json:"max_output_tokens"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
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
	var wr wireRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&wr); err != nil {
		return nil, errBadRequest("invalid_json", "request body is not a JSON object with the expected fields: "+jsonProblem(err))
	}
	if dec.More() {
		return nil, errBadRequest("invalid_json", "request body holds more than one JSON value")
	}
	if wr.Model == nil || *wr.Model == "" {
		return nil, errBadRequest("missing_model", "request body has no model")
	}
	in := &inbound{body: body, model: *wr.Model, stream: wr.Stream}
	for _, n := range []*int{wr.MaxTokens, wr.MaxCompletionTokens, wr.MaxOutputTokens} {
		if n != nil {
			if *n < 0 {
				return nil, errBadRequest("invalid_max_tokens", "max_tokens must not be negative")
			}
			in.maxTokens = *n
		}
	}
	if wr.StreamOptions != nil {
		in.includeUsage = wr.StreamOptions.IncludeUsage
	}
	return in, nil
}

// jsonProblem describes a decoding error without quoting the body.
func jsonProblem(err error) string {
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
	var m map[string]json.RawMessage
	if err := json.Unmarshal(in.body, &m); err != nil {
		return nil, err
	}
	opts := map[string]json.RawMessage{}
	if raw, ok := m["stream_options"]; ok && string(raw) != "null" {
		if err := json.Unmarshal(raw, &opts); err != nil {
			return nil, err
		}
	}
	opts["include_usage"] = json.RawMessage("true")
	raw, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	m["stream_options"] = raw
	return json.Marshal(m)
}
