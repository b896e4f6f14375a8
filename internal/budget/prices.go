package budget

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Prices maps model names (lower case) to their prices.
type Prices map[string]Price

//go:embed prices.json
var defaultPricesJSON []byte

// priceFile is the format of prices.json and of ParsePrices' input.
type priceFile struct {
	Source string `json:"source"`
	AsOf   string `json:"as_of"`
	Models Prices `json:"models"`
}

// DefaultPrices is a fresh copy of the embedded table (prices.json) of
// current OpenAI and Anthropic list prices. Prices change: merge the
// gateway's configured overrides over it.
func DefaultPrices() Prices {
	p, err := ParsePrices(defaultPricesJSON)
	if err != nil {
		panic("budget: embedded prices.json: " + err.Error()) // caught by TestDefaultPrices
	}
	return p
}

// ParsePrices reads a price table in the format of prices.json:
// {"models": {"gpt-4o": {"input": 2.5, "output": 10}, ...}}.
func ParsePrices(data []byte) (Prices, error) {
	var f priceFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("budget: price table: %w", err)
	}
	if len(f.Models) == 0 {
		return nil, fmt.Errorf("budget: price table: no models")
	}
	p := Prices{}.Merge(f.Models)
	return p, p.Validate()
}

// Validate rejects negative, infinite or NaN prices and empty names.
func (p Prices) Validate() error {
	for model, price := range p {
		if strings.TrimSpace(model) == "" {
			return fmt.Errorf("budget: price table: empty model name")
		}
		for _, v := range []float64{price.InputPerMTok, price.OutputPerMTok} {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("budget: price of %q: %v is not a finite non-negative number", model, v)
			}
		}
	}
	return nil
}

// Merge returns a new table: p with overrides added or replacing entries
// of the same (case-insensitive) name. Neither p nor overrides changes.
func (p Prices) Merge(overrides Prices) Prices {
	out := make(Prices, len(p)+len(overrides))
	for _, src := range []Prices{p, overrides} {
		for model, price := range src {
			out[normalize(model)] = price
		}
	}
	return out
}

// undated strips the version suffixes providers put on snapshot names:
// OpenAI's -2024-08-06, Anthropic's -20241022 (and @20241022 on Vertex),
// and -latest.
func undated(name string) string {
	if base, ok := strings.CutSuffix(name, "-latest"); ok {
		return base
	}
	n := len(name)
	if n > 9 && (name[n-9] == '-' || name[n-9] == '@') && digits(name[n-8:]) {
		return name[:n-9]
	}
	if n > 11 && name[n-11] == '-' && digits(name[n-10:n-6]) && name[n-6] == '-' &&
		digits(name[n-5:n-3]) && name[n-3] == '-' && digits(name[n-2:]) {
		return name[:n-11]
	}
	return name
}

func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Lookup finds model's price: first the exact name (case-insensitive,
// without a provider path such as "openai/"), then the name without a
// dated suffix (gpt-4o-2024-08-06 → gpt-4o, claude-3-5-sonnet-20241022
// → claude-3-5-sonnet), then the longest table name that starts the
// model name followed by "-" (gpt-4o-mini-search-preview → gpt-4o-mini,
// claude-sonnet-4-0 → claude-sonnet-4). Exact entries win, so a dated
// snapshot priced differently (gpt-4o-2024-05-13) can be listed itself.
func (p Prices) Lookup(model string) (Price, bool) {
	if price, ok := p[model]; ok { // entries set directly, not by Merge
		return price, true
	}
	name := normalize(model)
	if price, ok := p[name]; ok {
		return price, true
	}
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
		if price, ok := p[name]; ok {
			return price, true
		}
	}
	base := undated(name)
	if price, ok := p[base]; ok {
		return price, true
	}
	return p.longestPrefix(base)
}

func (p Prices) longestPrefix(name string) (Price, bool) {
	best, found := "", false
	for k := range p {
		if len(k) > len(best) && len(name) > len(k) && name[len(k)] == '-' && strings.HasPrefix(name, k) {
			best, found = k, true
		}
	}
	return p[best], found
}

func normalize(model string) string { return strings.ToLower(strings.TrimSpace(model)) }
