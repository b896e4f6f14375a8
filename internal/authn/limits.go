package authn

import (
	"fmt"
	"math"
	"path"
	"strings"
)

// LimitError is one invalid field of Limits, named as in JSON and YAML
// (budget_period, models[1]).
type LimitError struct {
	Field string
	Msg   string
}

func (e *LimitError) Error() string { return e.Field + ": " + e.Msg }

// Check lists every invalid field of l, none when it is valid: a
// negative number, a budget that is not a finite number, a budget period
// other than day, month or total (empty means month), an empty or
// malformed model glob, and a route that is not a glob starting with "/"
// (/v1/embeddings, /v1/*). Every way of giving limits (ward keys, the
// admin API, gateway.oidc in the configuration) checks them here.
func (l *Limits) Check() []*LimitError {
	var out []*LimitError
	bad := func(field, format string, args ...any) {
		out = append(out, &LimitError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	for _, n := range []struct {
		field string
		v     int64
	}{{"rpm", int64(l.RPM)}, {"tpm", int64(l.TPM)}, {"concurrency", int64(l.Concurrency)},
		{"max_tokens", int64(l.MaxTokens)}, {"max_body_bytes", l.MaxBodyBytes}} {
		if n.v < 0 {
			bad(n.field, "%d is negative (0 means unlimited)", n.v)
		}
	}
	switch {
	case math.IsNaN(l.BudgetUSD) || math.IsInf(l.BudgetUSD, 0):
		bad("budget_usd", "%v is not a number of dollars", l.BudgetUSD)
	case l.BudgetUSD < 0:
		bad("budget_usd", "%v is negative (0 means no budget)", l.BudgetUSD)
	}
	switch l.BudgetPeriod {
	case "", PeriodDay, PeriodMonth, PeriodTotal:
	default:
		bad("budget_period", "%q: want day, month or total", l.BudgetPeriod)
	}
	for i, m := range l.Models {
		if msg := GlobProblem(m); msg != "" {
			bad(fmt.Sprintf("models[%d]", i), "%q %s", m, msg)
		}
	}
	for i, r := range l.Routes {
		msg := GlobProblem(r)
		if msg == "" && !strings.HasPrefix(r, "/") {
			msg = "must start with / (such as /v1/embeddings)"
		}
		if msg != "" {
			bad(fmt.Sprintf("routes[%d]", i), "%q %s", r, msg)
		}
	}
	return out
}

// InvalidLimits is every problem Check found, as Validate returns it.
type InvalidLimits []*LimitError

func (e InvalidLimits) Error() string {
	msgs := make([]string, len(e))
	for i, le := range e {
		msgs[i] = le.Error()
	}
	return "invalid limits: " + strings.Join(msgs, "; ")
}

// Validate is Check as one error, an InvalidLimits (nil when l is
// valid).
func (l *Limits) Validate() error {
	if errs := l.Check(); len(errs) > 0 {
		return InvalidLimits(errs)
	}
	return nil
}

// GlobProblem says what is wrong with a model or route glob, "" when
// nothing is (globs are path.Match patterns).
func GlobProblem(g string) string {
	if strings.TrimSpace(g) == "" {
		return "is empty"
	}
	if _, err := path.Match(g, ""); err != nil {
		return "is not a valid glob (* ? [a-z] \\ are special)"
	}
	return ""
}
