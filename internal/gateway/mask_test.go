package gateway

import (
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/testenv"
)

// randomKeyChars is n characters of base62, the same for every run.
func randomKeyChars(n int) string {
	const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

// TestMaskKeys: key-shaped words lose their secret part, whatever is
// around them; model names, ids and digests that are not keys pass as
// they are.
func TestMaskKeys(t *testing.T) {
	tail := randomKeyChars(43)
	ward := authn.KeyPrefix + tail
	for _, tc := range []struct{ in, want string }{
		{ward, "ward_…"},
		{"openai/" + ward + "/x", "openai/ward_…/x"},
		{"sk-" + tail, "sk-…"},
		{"sk-ant-api03-" + tail[:20] + "-" + tail[20:] + "AA", "sk-…"},
		{"sk-proj-" + tail, "sk-…"},
		{"gpt-4o " + "ghp_" + tail[:36], "gpt-4o ghp_…"},
		{"AKIA" + strings.ToUpper(tail[:16]), "AKIA…"},
		{tail, "…"},
		{"x:" + tail + ":y", "x:…:y"},
		// Not keys.
		{"gpt-4o-mini", "gpt-4o-mini"},
		{"claude-sonnet-4-20250514", "claude-sonnet-4-20250514"},
		{"meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
		{"ft:gpt-4o-mini-2024-07-18:my-org:custom:9abcDEF1", "ft:gpt-4o-mini-2024-07-18:my-org:custom:9abcDEF1"},
		{"task-force-12345678", "task-force-12345678"},
		{"sk-1", "sk-1"},
		{"llama3@sha256:" + strings.Repeat("0f3a9c", 10), "llama3@sha256:" + strings.Repeat("0f3a9c", 10)},
		{"01HZX3K4M5N6P7Q8R9S0T1V2W3", "01HZX3K4M5N6P7Q8R9S0T1V2W3"},
		{"5f0c6a52-3a1b-4c8e-9d2f-7b6e1a0c9d8e", "5f0c6a52-3a1b-4c8e-9d2f-7b6e1a0c9d8e"},
		{"ward_", "ward_"},
	} {
		if got := maskKeys(tc.in); got != tc.want {
			t.Errorf("maskKeys(%.12q…) = %q, want %q", tc.in, got, tc.want)
		}
		if got := keyShaped(tc.in); got != (tc.want != tc.in) {
			t.Errorf("keyShaped(%.12q…) = %v", tc.in, got)
		}
	}
}

// TestKeysNotEchoed: a key pasted into the model field, into a JSON key
// or sent as X-Request-Id comes back nowhere: not in the error, the
// answer's headers, the log line, the metrics, the event, nor the id
// forwarded to the provider. With secret rules (the guard's), what they
// take for a credential is masked in the model name too.
func TestKeysNotEchoed(t *testing.T) {
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL, "gpt-*"))
	var logs testenv.Buffer
	h.gw.log = slog.New(slog.NewJSONHandler(&logs, nil))
	h.gw.Metrics = NewMetrics(func(string) bool { return true }) // every model its own label
	key, _ := h.issue(t, authn.Limits{})
	limited, _ := h.issue(t, authn.Limits{Models: []string{"gpt-*"}})
	tail := randomKeyChars(43)
	stripe := "sk_live_" + tail[:30] // a shape only the secret rules know
	det := secretRules(t)
	seen := func(name, secret string, texts ...string) {
		t.Helper()
		var b strings.Builder
		mfs, _ := h.gw.Metrics.Registry.Gather()
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				for _, l := range m.GetLabel() {
					b.WriteString(l.GetValue() + "\n")
				}
			}
		}
		ev := h.lastEvent(t)
		evJSON, _ := json.Marshal(ev)
		for what, s := range map[string]string{"answer": strings.Join(texts, "\n"), "log": logs.String(), "metrics": b.String(), "event": string(evJSON)} {
			if strings.Contains(s, secret[len(secret)-16:]) {
				t.Errorf("%s: the %s repeats the key", name, what)
			}
		}
	}
	for _, tc := range []struct {
		name, key, model, code, shown string
		guard                         bool
	}{
		{"ward key, no provider", key, authn.KeyPrefix + tail, "model_not_found", `"ward_…"`, false},
		{"ward key, not allowed", limited, authn.KeyPrefix + tail, "model_not_allowed", `"ward_…"`, false},
		{"anthropic key", key, "sk-ant-api03-" + tail + "-AAAA", "model_not_found", `"sk-…"`, false},
		{"openai key", key, "sk-proj-" + tail, "model_not_found", `"sk-…"`, false},
		{"stripe key, secret rules", key, stripe, "model_not_found", `"…"`, true},
	} {
		h.gw.Guard = nil
		if tc.guard {
			h.gw.Guard = guardOn(GuardFlag, 0.99)
			h.gw.Guard.Secrets = det
		}
		resp, body := h.post(t, routeChat, tc.key, `{"model":"`+tc.model+`","messages":[]}`)
		var e struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal([]byte(body), &e)
		if e.Error.Code != tc.code || !strings.Contains(e.Error.Message, tc.shown) {
			t.Errorf("%s: %d %s, want %s naming the model %s", tc.name, resp.StatusCode, body, tc.code, tc.shown)
		}
		if ev := h.lastEvent(t); !strings.Contains(`"`+ev.Model+`"`, tc.shown) {
			t.Errorf("%s: event model %q, want %s", tc.name, ev.Model, tc.shown)
		}
		seen(tc.name, tc.model, body)
	}
	h.gw.Guard = nil

	// A JSON key shaped like a Ward key is not named: refused as an
	// unknown field, or, with unknown fields forwarded, as a duplicate.
	ward := authn.KeyPrefix + tail
	dup := `{"model":"gpt-4o-mini","` + ward + `":1,"` + ward + `":2}`
	if _, body := h.post(t, routeChat, key, dup); !strings.Contains(body, "unknown_parameter") || strings.Contains(body, tail[:16]) {
		t.Errorf("an unknown field named like a Ward key: %s", body)
	}
	h.gw.Fields.Forward = true
	if _, body := h.post(t, routeChat, key, dup); !strings.Contains(body, "invalid_json") || strings.Contains(body, tail[:16]) {
		t.Errorf("a duplicate key named like a Ward key: %s", body)
	}
	h.gw.Fields.Forward = false

	// A key as X-Request-Id is replaced by a fresh id; a plain id is kept.
	for _, id := range []string{ward, "sk-" + tail, "req-42.a_b"} {
		req, _ := http.NewRequest(http.MethodPost, h.srv.URL+routeChat, strings.NewReader(chatBody))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("X-Request-Id", id)
		n := h.count()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for deadline := time.Now().Add(2 * time.Second); h.count() == n && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond) // a JSON answer is sent before it is recorded
		}
		ev := h.lastEvent(t)
		up.mu.Lock()
		forwarded := up.lastHdr.Get("X-Request-Id")
		up.mu.Unlock()
		keep := id == "req-42.a_b"
		if got := resp.Header.Get("X-Request-Id"); (got == id) != keep || ev.RequestID != got || forwarded != got || got == "" {
			t.Errorf("X-Request-Id %.12q…: answered %q, event %q, forwarded %q; want it kept %v", id, got, ev.RequestID, forwarded, keep)
		}
		if !keep {
			seen("X-Request-Id", id)
		}
	}
}
