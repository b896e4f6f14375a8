package budget

import (
	"math"
	"testing"
)

var posInf = math.Inf(1)

func TestDefaultPrices(t *testing.T) {
	p := DefaultPrices()
	for _, model := range []string{
		"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o1", "o3", "o3-mini",
		"o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano", "text-embedding-3-small", "text-embedding-3-large",
		"claude-3-5-haiku", "claude-3-5-sonnet", "claude-3-7-sonnet", "claude-sonnet-4", "claude-opus-4",
		"claude-haiku-4-5",
	} {
		price, ok := p[model]
		if !ok || price.InputPerMTok <= 0 {
			t.Errorf("default table lacks %s", model)
		}
	}
	for model, price := range p {
		embedding := price.OutputPerMTok == 0
		if embedding != (len(model) > 15 && model[:15] == "text-embedding-") {
			t.Errorf("%s: output price %v", model, price.OutputPerMTok)
		}
		if !embedding && price.OutputPerMTok < price.InputPerMTok {
			t.Errorf("%s: output %v cheaper than input %v", model, price.OutputPerMTok, price.InputPerMTok)
		}
	}
	p["gpt-4o"] = Price{}
	if DefaultPrices()["gpt-4o"].InputPerMTok == 0 {
		t.Fatal("DefaultPrices shares its map between calls")
	}
}

func TestLookup(t *testing.T) {
	p := DefaultPrices()
	for _, tc := range []struct {
		model string
		want  string // the entry it resolves to; "" for none
	}{
		{"gpt-4o", "gpt-4o"},
		{"GPT-4o ", "gpt-4o"},
		{"gpt-4o-2024-08-06", "gpt-4o"},
		{"gpt-4o-2024-11-20", "gpt-4o"},
		{"gpt-4o-2024-05-13", "gpt-4o-2024-05-13"},
		{"gpt-4o-mini-2024-07-18", "gpt-4o-mini"},
		{"gpt-4.1-nano-2025-04-14", "gpt-4.1-nano"},
		{"o1-2024-12-17", "o1"},
		{"o1-preview-2024-09-12", "o1-preview"},
		{"o3-mini-2025-01-31", "o3-mini"},
		{"o3-2025-04-16", "o3"},
		{"o3-pro-2025-06-10", "o3-pro"},
		{"o3-deep-research-2025-06-26", "o3-deep-research"},
		{"o4-mini-2025-04-16", "o4-mini"},
		{"gpt-4-turbo-2024-04-09", "gpt-4-turbo"},
		{"gpt-5-2025-08-07", "gpt-5"},
		{"gpt-5-chat-latest", "gpt-5-chat-latest"},
		{"chatgpt-4o-latest", "chatgpt-4o-latest"},
		{"openai/gpt-4.1-mini", "gpt-4.1-mini"},
		{"gpt-4-0613", "gpt-4"},
		{"gpt-3.5-turbo-0125", "gpt-3.5-turbo"},
		{"claude-3-5-sonnet-20241022", "claude-3-5-sonnet"},
		{"claude-3-5-sonnet-latest", "claude-3-5-sonnet"},
		{"claude-3-5-haiku@20241022", "claude-3-5-haiku"},
		{"claude-3-5-sonnet-v2@20241022", "claude-3-5-sonnet"},
		{"claude-sonnet-4@20250514", "claude-sonnet-4"},
		{"claude-sonnet-4-20250514", "claude-sonnet-4"},
		{"anthropic/claude-sonnet-4-20250514", "claude-sonnet-4"},
		{"claude-sonnet-4-0", "claude-sonnet-4"},
		{"claude-opus-4-0", "claude-opus-4"},
		{"claude-sonnet-4-5-20250929", "claude-sonnet-4-5"},
		{"claude-opus-4-1-20250805", "claude-opus-4-1"},
		{"claude-haiku-4-5-20251001", "claude-haiku-4-5"},
		{"claude-opus-4-5-20251101", "claude-opus-4-5"},
		{"claude-3-7-sonnet-20250219", "claude-3-7-sonnet"},
		{"claude-3-haiku-20240307", "claude-3-haiku"},
		{"text-embedding-3-small", "text-embedding-3-small"},
		// Another model whose name starts with a listed one is unknown,
		// not the cheaper sibling.
		{"o4-mini-deep-research", ""},
		{"o4-mini-deep-research-2025-06-26", ""},
		{"gpt-4o-audio-preview", ""},
		{"gpt-4o-totally-made-up", ""},
		{"gpt-4o-mini-search-preview", ""},
		{"gpt-4-32k", ""},
		{"gpt-4-32k-0613", ""},
		{"gpt-4-1106-preview", ""},
		{"gpt-5-codex", ""},
		{"gpt-4o-v2", ""},
		{"gpt-4o-1399", ""},
		{"gpt-4o-2024-13-01", ""},
		{"claude-sonnet-4-20251399", ""},
		{"gpt-4o2", ""},
		{"llama-3-70b", ""},
		{"-latest", ""},
		{"", ""},
		{"o", ""},
	} {
		got, ok := p.Lookup(tc.model)
		want, wantOK := p[tc.want]
		if ok != wantOK || got != want {
			t.Errorf("Lookup(%q) = %v, %v; want %v (%s)", tc.model, got, ok, want, tc.want)
		}
	}
}

func TestMerge(t *testing.T) {
	base := Prices{"gpt-4o": {2.5, 10}, "o3": {2, 8}}
	merged := base.Merge(Prices{"GPT-4o": {1, 2}, "my-model": {3, 4}})
	if merged["gpt-4o"] != (Price{1, 2}) || merged["o3"] != (Price{2, 8}) || merged["my-model"] != (Price{3, 4}) {
		t.Fatalf("merged %v", merged)
	}
	if base["gpt-4o"] != (Price{2.5, 10}) || len(base) != 2 {
		t.Fatalf("Merge changed its receiver: %v", base)
	}
	if got, _ := merged.Lookup("my-model-2025-01-01"); got != (Price{3, 4}) {
		t.Fatalf("override not found by lookup: %v", got)
	}
}

func TestParsePrices(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{"models": {"m": {"input": 1, "output": 2}}}`, true},
		{`{"models": {}}`, false},
		{`{"models": {"m": {"input": -1, "output": 2}}}`, false},
		{`{"models": {" ": {"input": 1, "output": 2}}}`, false},
		{`{"models": [1]}`, false},
		{`not json`, false},
	} {
		if _, err := ParsePrices([]byte(tc.in)); (err == nil) != tc.ok {
			t.Errorf("ParsePrices(%s): err %v", tc.in, err)
		}
	}
}

func TestCost(t *testing.T) {
	p, _ := DefaultPrices().Lookup("gpt-4o")
	if got := p.Cost(1000, 500); math.Abs(got-0.0075) > 1e-12 {
		t.Fatalf("gpt-4o cost of 1000+500 tokens %v, want 0.0075", got)
	}
}

func TestUndated(t *testing.T) {
	for in, want := range map[string]string{
		"gpt-4o-2024-08-06":             "gpt-4o",
		"claude-3-5-sonnet-20241022":    "claude-3-5-sonnet",
		"claude-3-5-haiku@20241022":     "claude-3-5-haiku",
		"claude-3-5-sonnet-v2@20241022": "claude-3-5-sonnet",
		"claude-3-7-sonnet-latest":      "claude-3-7-sonnet",
		"claude-sonnet-4-0":             "claude-sonnet-4",
		"gpt-4-0613":                    "gpt-4",
		"gpt-4-1399":                    "gpt-4-1399",
		"gpt-4-32k":                     "gpt-4-32k",
		"m-v2":                          "m-v2",
		"m-v2-20241022":                 "m-v2",
		"x-2024-8-06":                   "x-2024-8-06",
		"x-2024-02-30":                  "x-2024-02-30",
		"-20241022":                     "-20241022",
		"@20241022":                     "@20241022",
		"m-2024a08-06":                  "m-2024a08-06",
		"m-2024-08+06":                  "m-2024-08+06",
		"m_20241022":                    "m_20241022",
		"m@0613":                        "m@0613",
		"gpt-4o":                        "gpt-4o",
		"gpt-4o-mini":                   "gpt-4o-mini",
	} {
		got, _ := undated(in)
		if got != want {
			t.Errorf("undated(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzUndated(f *testing.F) {
	for _, s := range []string{"gpt-4o-2024-08-06", "claude-3-5-sonnet-v2@20241022", "-latest", "a-0", "@", "-v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		base, ok := undated(name)
		if ok != (base != name) || len(base) > len(name) || name[:len(base)] != base {
			t.Fatalf("undated(%q) = %q, %v", name, base, ok)
		}
	})
}
