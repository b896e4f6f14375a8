package gateway

import (
	"strconv"
	"unicode/utf8"
)

// FieldOptions say what the gateway does with a request body's
// top-level fields that its route's API does not document.
type FieldOptions struct {
	// Forward sends such fields on to the provider as they came. By
	// default (false) a request with one is refused with a 400 in the
	// provider's shape, as the provider itself would answer it, and
	// never forwarded.
	Forward bool
	// Extra are fields accepted on every route besides the documented
	// ones: the sampling fields OpenAI-compatible servers such as vLLM
	// and Ollama add (top_k, min_p, repetition_penalty).
	Extra []string
}

// Top-level request fields each route's API documents (OpenAI's and
// Azure's API references and SDK request types, Anthropic's Messages API
// with its beta fields, since Ward forwards anthropic-beta), by name only.
var documentedFields = map[string]map[string]struct{}{
	routeChat: set("audio", "data_sources", "frequency_penalty", "function_call", "functions", "logit_bias",
		"logprobs", "max_completion_tokens", "max_tokens", "messages", "metadata", "modalities", "model",
		"moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
		"prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format",
		"safety_identifier", "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature",
		"tool_choice", "tools", "top_logprobs", "top_p", "user", "user_security_context", "verbosity",
		"web_search_options"),
	routeCompletions: set("best_of", "echo", "frequency_penalty", "logit_bias", "logprobs", "max_tokens", "model",
		"n", "presence_penalty", "prompt", "seed", "stop", "stream", "stream_options", "suffix", "temperature",
		"top_p", "user"),
	routeEmbeddings: set("dimensions", "encoding_format", "input", "model", "user"),
	routeResponses: set("background", "context_management", "conversation", "include", "input", "instructions",
		"max_output_tokens", "max_tool_calls", "metadata", "model", "moderation", "parallel_tool_calls",
		"previous_response_id", "prompt", "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention",
		"reasoning", "safety_identifier", "service_tier", "store", "stream", "stream_options", "temperature", "text",
		"tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user"),
	routeMessages: set("cache_control", "container", "context_management", "diagnostics", "fallback_credit_token",
		"fallbacks", "inference_geo", "max_tokens", "mcp_servers", "messages", "metadata", "model", "output_config",
		"output_format", "service_tier", "speed", "stop_sequences", "stream", "system", "temperature", "thinking",
		"tool_choice", "tools", "top_k", "top_p"),
}

func set(names ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(names))
	for _, n := range names {
		m[n] = struct{}{}
	}
	return m
}

// fieldSet is what a body's top-level keys are checked against: its
// route's documented fields and the configured extra ones. The zero
// fieldSet allows every key.
type fieldSet struct {
	documented map[string]struct{}
	extra      []string
	// anthropic words the refusal as Anthropic's API does.
	anthropic bool
}

// requestFields is the fieldSet of route's request bodies.
func (g *Gateway) requestFields(route string) fieldSet {
	if g.Fields.Forward {
		return fieldSet{}
	}
	return fieldSet{documented: documentedFields[route], extra: g.Fields.Extra, anthropic: route == routeMessages}
}

// allows reports whether a body may have the top-level key k. It costs
// no allocation: a map index and comparisons with string(k) do not copy k.
func (s fieldSet) allows(k []byte) bool {
	if s.documented == nil {
		return true
	}
	if _, ok := s.documented[string(k)]; ok {
		return true
	}
	for _, e := range s.extra {
		if string(k) == e {
			return true
		}
	}
	return false
}

// errUnknownField refuses a top-level field the route does not take, in
// the words its provider uses: OpenAI's, with the field as param, or
// Anthropic's. It names the field, never its value.
func (s fieldSet) errUnknownField(k []byte) *apiError {
	name := fieldName(k)
	msg := "Unrecognized request argument supplied: " + name
	if s.anthropic {
		msg = name + ": Extra inputs are not permitted"
	}
	e := errBadRequest("unknown_parameter", msg)
	e.param = name
	return e
}

// maxFieldName bounds the bytes of a field name quoted back to a client.
const maxFieldName = 64

// fieldName is a key as a message may repeat it, any key-shaped part
// masked (maskKeys): a plain name as it is;
// any other quoted, in ASCII with Go escapes (no control character
// reaches an answer or a log), and cut after maxFieldName bytes.
func fieldName(k []byte) string {
	s := maskKeys(string(k))
	if s != "" && len(s) <= maxFieldName && plainID(s) {
		return s
	}
	cut := len(s) > maxFieldName
	if cut {
		n := maxFieldName
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	s = strconv.QuoteToASCII(s)
	if cut {
		s += "…"
	}
	return s
}
