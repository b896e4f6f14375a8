// Package event defines what happens at runtime: an Event is one request
// through the gateway (allowed, denied or failed), with who made it, what
// it asked for, what it cost and how long it took. The gateway writes
// events; metrics, the store, detection and drills read them.
//
// It imports only the standard library and never holds a secret, a
// prompt or a completion.
package event

import "time"

// Decisions of a request.
const (
	Allow = "allow" // forwarded and answered by a provider
	Deny  = "deny"  // refused by Ward (auth, limits, budget, validation, guard)
	Error = "error" // forwarded, but the provider failed or the client went away
)

// Event is one request through the gateway.
type Event struct {
	Time time.Time `json:"time"`
	// RequestID is Ward's id of the request (X-Request-Id).
	RequestID string `json:"request_id"`
	// KeyID is the id of the Ward key (never the key) or "" for a workload
	// identity; Subject is the JWT subject of a workload identity.
	KeyID   string `json:"key_id,omitempty"`
	Subject string `json:"subject,omitempty"`
	Team    string `json:"team,omitempty"`
	// Route is the API path ("/v1/chat/completions"), Model the model
	// asked for and Provider the provider that answered.
	Route    string `json:"route"`
	Model    string `json:"model,omitempty"`
	Provider string `json:"provider,omitempty"`
	Stream   bool   `json:"stream,omitempty"`
	// Status is the HTTP status returned to the client.
	Status int `json:"status"`
	// Decision is Allow, Deny or Error; Reason says why for Deny and Error
	// ("rate_limited", "budget_exhausted", "invalid_key", "upstream_timeout").
	Decision string `json:"decision"`
	Reason   string `json:"reason,omitempty"`
	// Tokens and cost of the request, as settled.
	PromptTokens     int     `json:"prompt_tokens,omitempty"`
	CompletionTokens int     `json:"completion_tokens,omitempty"`
	CostUSD          float64 `json:"cost_usd,omitempty"`
	// Latency is the whole request; TTFT the time to the first byte of
	// the answer (the first chunk of a stream).
	Latency time.Duration `json:"latency_ns"`
	TTFT    time.Duration `json:"ttft_ns,omitempty"`
	// ClientIP is the caller's address as the gateway saw it.
	ClientIP string `json:"client_ip,omitempty"`
	// Verdicts are what the guard's detectors said (filled by the guard).
	Verdicts []Verdict `json:"verdicts,omitempty"`
}

// Verdict is one detector's judgement of a request or an answer.
type Verdict struct {
	Detector string  `json:"detector"`
	Action   string  `json:"action"` // block, redact, flag
	Score    float64 `json:"score,omitempty"`
	Category string  `json:"category,omitempty"`
}
