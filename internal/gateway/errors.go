package gateway

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// apiError is an error Ward answers with itself, in the shape of the
// provider the client speaks to, so that SDKs surface it unchanged. Its
// message never contains a key, a prompt or an upstream body.
type apiError struct {
	status int
	// kind is OpenAI's error type ("invalid_request_error"); code its
	// code ("invalid_api_key", "rate_limit_exceeded", "insufficient_quota").
	kind, code string
	msg        string
	retryAfter time.Duration
	// reason is the event's reason for the denial.
	reason string
	// param is OpenAI's param: the request field at fault, or nil.
	param any
}

func (e *apiError) Error() string { return e.msg }

// Errors Ward answers with.
func errUnauthorized(msg string) *apiError {
	return &apiError{status: http.StatusUnauthorized, kind: "invalid_request_error", code: "invalid_api_key", msg: msg, reason: "invalid_key"}
}

func errForbidden(code, msg string) *apiError {
	return &apiError{status: http.StatusForbidden, kind: "invalid_request_error", code: code, msg: msg, reason: code}
}

func errBadRequest(code, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: code, msg: msg, reason: code}
}

func errTooLarge(limit int64) *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, kind: "invalid_request_error", code: "request_too_large",
		msg: "request body larger than " + strconv.FormatInt(limit, 10) + " bytes", reason: "body_too_large"}
}

func errRateLimited(code, msg string, after time.Duration) *apiError {
	return &apiError{status: http.StatusTooManyRequests, kind: "rate_limit_error", code: code, msg: msg, retryAfter: after, reason: code}
}

func errUpstream(status int, code, msg string) *apiError {
	return &apiError{status: status, kind: "api_error", code: code, msg: msg, reason: code}
}

// anthropicTypes maps statuses to Anthropic's error types.
var anthropicTypes = map[int]string{
	http.StatusBadRequest:            "invalid_request_error",
	http.StatusUnauthorized:          "authentication_error",
	http.StatusForbidden:             "permission_error",
	http.StatusNotFound:              "not_found_error",
	http.StatusRequestEntityTooLarge: "request_too_large",
	http.StatusTooManyRequests:       "rate_limit_error",
	http.StatusBadGateway:            "api_error",
	http.StatusGatewayTimeout:        "api_error",
	http.StatusServiceUnavailable:    "overloaded_error",
}

// write sends the error in OpenAI's shape, or Anthropic's when anthropic.
func (e *apiError) write(w http.ResponseWriter, anthropic bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if e.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int((e.retryAfter+time.Second-1)/time.Second)))
	}
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(e.body(anthropic))
}

// body is the error's JSON value in OpenAI's shape, or Anthropic's.
func (e *apiError) body(anthropic bool) any {
	if anthropic {
		t := anthropicTypes[e.status]
		if t == "" {
			t = "api_error"
		}
		// Anthropic's shape has no code; Ward's stable code goes alongside
		// (SDKs ignore the extra field) so callers can tell reasons apart.
		inner := map[string]any{"type": t, "message": e.msg}
		if e.code != "" {
			inner["code"] = e.code
		}
		return map[string]any{"type": "error", "error": inner}
	}
	return map[string]any{"error": map[string]any{"message": e.msg, "type": e.kind, "param": e.param, "code": e.code}}
}
