package budget

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
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

// undated returns name without the version suffix providers put on a
// model's snapshot and alias names, and whether it had one. The suffixes
// are OpenAI's dated snapshots (-2024-08-06) and older ones (-0613),
// Anthropic's (-20241022, @20241022 on Vertex, with its -v2 revision
// marker before the @: claude-3-5-sonnet-v2@20241022), -latest, and
// Anthropic's -0 for a model's first release (claude-sonnet-4-0). Dates
// must be real dates. Anything else (-preview, -mini, -deep-research)
// names another model.
func undated(name string) (string, bool) {
	if base, ok := strings.CutSuffix(name, "-latest"); ok && base != "" {
		return base, true
	}
	if n := len(name); n > 11 && name[n-11] == '-' && isDate("2006-01-02", name[n-10:]) {
		return name[:n-11], true
	}
	i := strings.LastIndexAny(name, "-@")
	if i <= 0 {
		return name, false
	}
	base, tail := name[:i], name[i+1:]
	switch {
	case name[i] == '@' && isDate("20060102", tail):
		return withoutRevision(base), true
	case name[i] == '-' && (tail == "0" || isDate("20060102", tail) || isDate("0102", tail)):
		return base, true
	}
	return name, false
}

// withoutRevision strips Vertex's revision marker (-v2) from a name that
// had an @date.
func withoutRevision(name string) string {
	i := strings.LastIndex(name, "-v")
	if i <= 0 || len(name) == i+2 || !digits(name[i+2:]) {
		return name
	}
	return name[:i]
}

// isDate reports whether s is a valid date in layout, all digits apart
// from the layout's own dashes.
func isDate(layout, s string) bool {
	if len(s) != len(layout) || !digits(strings.ReplaceAll(s, "-", "")) {
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
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
// version suffix (see undated: gpt-4o-2024-08-06 → gpt-4o,
// claude-3-5-sonnet-20241022 → claude-3-5-sonnet, gpt-4-0613 → gpt-4,
// claude-sonnet-4-0 → claude-sonnet-4). Any other name is unknown, even
// one that starts with a listed name (o4-mini-deep-research is not
// o4-mini): pricing it as a cheaper sibling would let budgets be
// overspent. Exact entries win, so a dated snapshot priced differently
// (gpt-4o-2024-05-13) can be listed itself.
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
	if base, ok := undated(name); ok {
		price, found := p[base]
		return price, found
	}
	return Price{}, false
}

func normalize(model string) string { return strings.ToLower(strings.TrimSpace(model)) }
