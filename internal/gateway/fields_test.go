package gateway

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
)

// TestUnknownFieldRefused: a top-level field its route's API does not
// document is a 400 in the provider's shape that names the field and
// not its value; the request is not forwarded, not charged, and recorded
// as a denial.
func TestUnknownFieldRefused(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL, "gpt-*"), provider(t, "anthropic", KindAnthropic, up.URL, "claude-*"))
	key, k := h.issue(t, authn.Limits{BudgetUSD: 10, BudgetPeriod: authn.PeriodDay})
	const value = "value-never-echoed"
	for _, tc := range []struct{ route, body string }{
		{routeChat, `{"model":"gpt-4o-mini","messages":[],"bogus_field":"` + value + `"}`},
		{routeCompletions, `{"model":"gpt-4o-mini","prompt":"x","bogus_field":"` + value + `"}`},
		{routeEmbeddings, `{"model":"gpt-4o-mini","input":"x","bogus_field":"` + value + `"}`},
		{routeResponses, `{"model":"gpt-4o-mini","input":"x","bogus_field":"` + value + `"}`},
		{routeMessages, `{"model":"claude-sonnet-4","max_tokens":5,"messages":[],"bogus_field":"` + value + `"}`},
	} {
		before := up.hits.Load()
		h.mu.Lock()
		h.events = nil
		h.mu.Unlock()
		resp, body := h.post(t, tc.route, key, tc.body)
		if resp.StatusCode != 400 || strings.Contains(body, value) {
			t.Errorf("%s: %d %s", tc.route, resp.StatusCode, body)
		}
		if tc.route == routeMessages {
			var e struct {
				Type  string
				Error struct{ Type, Message, Code string }
			}
			json.Unmarshal([]byte(body), &e)
			if e.Type != "error" || e.Error.Type != "invalid_request_error" ||
				e.Error.Message != "bogus_field: Extra inputs are not permitted" || e.Error.Code != "unknown_parameter" {
				t.Errorf("%s: not Anthropic's answer: %s", tc.route, body)
			}
		} else {
			var e struct {
				Error struct {
					Type, Message, Code string
					Param               *string
				}
			}
			json.Unmarshal([]byte(body), &e)
			if e.Error.Type != "invalid_request_error" || e.Error.Message != "Unrecognized request argument supplied: bogus_field" ||
				e.Error.Code != "unknown_parameter" || e.Error.Param == nil || *e.Error.Param != "bogus_field" {
				t.Errorf("%s: not OpenAI's answer: %s", tc.route, body)
			}
		}
		if up.hits.Load() != before {
			t.Errorf("%s: forwarded", tc.route)
		}
		if ev := h.lastEvent(t); ev.Decision != event.Deny || ev.Reason != "unknown_parameter" || ev.Status != 400 || ev.CostUSD != 0 {
			t.Errorf("%s: event %+v", tc.route, ev)
		}
	}
	if spent, _ := h.gw.Budget.Spent(context.Background(), "p:"+k.ID, authn.PeriodDay, time.Now()); spent != 0 {
		t.Errorf("refused requests were charged %v", spent)
	}
	// Other errors keep a null param.
	if _, body := h.post(t, routeChat, key, `{"messages":[]}`); !strings.Contains(body, `"param":null`) {
		t.Errorf("missing model: %s", body)
	}
}

// TestFieldsByRoute: each route takes its own API's fields, and only
// those: what one API documents is unknown to another.
func TestFieldsByRoute(t *testing.T) {
	for route, fields := range documentedFields {
		// Every documented field, null (Ward reads null as unset), is taken.
		body := `{"model":"m"`
		for f := range fields {
			if f != "model" {
				body += `,"` + f + `":null`
			}
		}
		if _, e := parseBody([]byte(body+"}"), fieldSet{documented: fields}); e != nil {
			t.Errorf("%s refuses its own fields: %s", route, e.msg)
		}
	}
	g := &Gateway{}
	for _, tc := range []struct {
		route, field string
		ok           bool
	}{
		{routeChat, "messages", true},
		{routeChat, "prompt", false},
		{routeChat, "top_k", false},
		{routeChat, "reasoning_effort", true},
		{routeChat, "web_search_options", true},
		{routeChat, "data_sources", true}, // Azure's
		{routeCompletions, "messages", false},
		{routeCompletions, "best_of", true},
		{routeEmbeddings, "stream", false},
		{routeEmbeddings, "dimensions", true},
		{routeResponses, "reasoning", true},
		{routeResponses, "reasoning_effort", false},
		{routeResponses, "max_tokens", false},
		{routeMessages, "top_k", true},
		{routeMessages, "thinking", true},
		{routeMessages, "mcp_servers", true},
		{routeMessages, "n", false},
		{routeMessages, "max_completion_tokens", false},
		{routeChat, "Model", false}, // names are matched exactly
	} {
		body := `{"model":"m","` + tc.field + `":null}`
		_, e := parseBody([]byte(body), g.requestFields(tc.route))
		if ok := e == nil; ok != tc.ok || !ok && e.code != "unknown_parameter" {
			t.Errorf("%s with %s: %v, want accepted %v", tc.route, tc.field, e, tc.ok)
		}
	}
	// Keys are read as a decoder reads them: an escaped name is the name.
	if _, e := parseBody([]byte(`{"mod\u0065l":"m","m\u0065ssages":[]}`), g.requestFields(routeChat)); e != nil {
		t.Errorf("escaped names: %v", e)
	}
	// Nested objects are the provider's to check.
	if _, e := parseBody([]byte(`{"model":"m","metadata":{"bogus":1},"messages":[{"role":"user","x":1}]}`), g.requestFields(routeChat)); e != nil {
		t.Errorf("nested keys: %v", e)
	}
}

// TestExtraAndForwardedFields: extra_fields are taken on every route and
// forwarded; others still refused; unknown_fields: forward sends
// everything on, as before the check.
func TestExtraAndForwardedFields(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL, "gpt-*"), provider(t, "anthropic", KindAnthropic, up.URL, "claude-*"))
	key, _ := h.issue(t, authn.Limits{})
	h.gw.Fields = FieldOptions{Extra: []string{"top_k", "min_p"}}
	resp, body := h.post(t, routeChat, key, `{"model":"gpt-4o-mini","messages":[],"top_k":40,"min_p":0.05}`)
	if resp.StatusCode != 200 || up.lastBody["top_k"] != 40.0 || up.lastBody["min_p"] != 0.05 {
		t.Errorf("extra fields: %d %s, upstream got %v", resp.StatusCode, body, up.lastBody)
	}
	if resp, _ := h.post(t, routeEmbeddings, key, `{"model":"gpt-4o-mini","input":"x","min_p":0.05}`); resp.StatusCode != 200 {
		t.Errorf("extra fields on embeddings: %d", resp.StatusCode)
	}
	before := up.hits.Load()
	resp, body = h.post(t, routeChat, key, `{"model":"gpt-4o-mini","messages":[],"top_k":40,"repetition_penalty":1.1}`)
	if resp.StatusCode != 400 || !strings.Contains(body, "repetition_penalty") || up.hits.Load() != before {
		t.Errorf("a field not listed: %d %s", resp.StatusCode, body)
	}

	h.gw.Fields = FieldOptions{Forward: true}
	resp, body = h.post(t, routeChat, key, `{"model":"gpt-4o-mini","messages":[],"bogus_field":1}`)
	if resp.StatusCode != 200 || up.lastBody["bogus_field"] != 1.0 {
		t.Errorf("forward: %d %s, upstream got %v", resp.StatusCode, body, up.lastBody)
	}
	// Forwarding does not make "MODEL" the model.
	if resp, body := h.post(t, routeChat, key, `{"MODEL":"gpt-4o-mini","messages":[]}`); resp.StatusCode != 400 || !strings.Contains(body, "missing_model") {
		t.Errorf("MODEL: %d %s", resp.StatusCode, body)
	}
}

// TestUnknownFieldName: a key that is long, or has control characters,
// quotes or other bytes, is named back bounded and escaped.
func TestUnknownFieldName(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"bogus_field", "bogus_field"},
		{"x-y.z_9", "x-y.z_9"},
		{"", `""`},
		{"a\u0000b\nc\x1b[31m", `"a\x00b\nc\x1b[31m"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"température", `"temp\u00e9rature"`},
		{strings.Repeat("a", 64), strings.Repeat("a", 64)},
		{strings.Repeat("a", 65), `"` + strings.Repeat("a", 64) + `"…`},
		{strings.Repeat("a", 63) + "é", `"` + strings.Repeat("a", 63) + `"…`}, // not cut inside a character
	} {
		if got := fieldName([]byte(tc.key)); got != tc.want {
			t.Errorf("fieldName(%q) = %s, want %s", tc.key, got, tc.want)
		}
	}
	g := &Gateway{}
	huge := strings.Repeat("\\u0007", 100000)
	for _, route := range []string{routeChat, routeMessages} {
		_, e := parseBody([]byte(`{"model":"m","`+huge+`":1}`), g.requestFields(route))
		if e == nil || len(e.msg) > 400 || strings.ContainsFunc(e.msg, unicode.IsControl) || e.param == nil || len(e.param.(string)) > 300 {
			t.Fatalf("%s: a huge key of control characters: %+v", route, e)
		}
	}
}

// TestFieldCheckAllocs: checking the keys costs no allocation: it is
// done where the parser reads them.
func TestFieldCheckAllocs(t *testing.T) {
	body := []byte(benchChatBody)
	chat := (&Gateway{Options: Options{Fields: FieldOptions{Extra: []string{"top_k"}}}}).requestFields(routeChat)
	without := testing.AllocsPerRun(100, func() { parseBody(body, fieldSet{}) })
	with := testing.AllocsPerRun(100, func() {
		if _, e := parseBody(body, chat); e != nil {
			t.Fatal(e.msg)
		}
	})
	if with > without {
		t.Errorf("the field check allocates: %v allocations a body, %v without it", with, without)
	}
}
