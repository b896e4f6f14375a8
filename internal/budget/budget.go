// Package budget keeps spending within each key's budget, even under
// concurrency: before forwarding, the gateway reserves the request's
// worst-case cost (estimated prompt tokens plus max_tokens at the model's
// prices); after the answer it settles the reservation to the real cost.
// A reservation that does not fit is refused, so concurrent requests can
// never spend more than the budget.
package budget

import (
	"context"
	"time"
)

// Counter holds each key's spend in the current period. It lives in
// memory (one replica) or in Redis (several).
type Counter interface {
	// Reserve adds amount to key's spend in period if the total stays
	// within limit; otherwise it adds nothing and returns false and what
	// remains.
	Reserve(ctx context.Context, key string, amount, limit float64, period string, now time.Time) (ok bool, remaining float64, err error)
	// Settle replaces a reservation by the actual cost (which may be
	// more: the spend is recorded, and the next Reserve sees it).
	Settle(ctx context.Context, key string, reserved, actual float64, period string, now time.Time) error
	// Spent is key's spend in the current period.
	Spent(ctx context.Context, key string, period string, now time.Time) (float64, error)
}

// Price is a model's price in USD per million tokens.
type Price struct {
	InputPerMTok  float64 `json:"input" yaml:"input"`
	OutputPerMTok float64 `json:"output" yaml:"output"`
}

// Cost of a request at p.
func (p Price) Cost(promptTokens, completionTokens int) float64 {
	return (float64(promptTokens)*p.InputPerMTok + float64(completionTokens)*p.OutputPerMTok) / 1e6
}
