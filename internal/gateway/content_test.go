package gateway

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/testenv"
)

func (h *harness) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.events)
}

// TestLogContent: only with LogContent on does the request's log line
// carry its prompt and completion, whole or streamed, and then with
// credentials and personal data masked.
func TestLogContent(t *testing.T) {
	h, det := echoHarness(t)
	var logs testenv.Buffer
	h.gw.log = slog.New(slog.NewJSONHandler(&logs, nil))
	key, _ := h.issue(t, authn.Limits{})
	token := "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"
	email := "kim" + "@" + "example.org"
	prompt := "Tell " + email + " the deploy token is " + token + " thanks"

	h.post(t, routeChat, key, chatJSON(false, "user", prompt))
	h.lastEvent(t)
	if strings.Contains(logs.String(), "deploy token") {
		t.Fatalf("content logged while off: %s", logs.String())
	}

	h.gw.LogContent = &redact.Options{Policy: redact.MaskAll(), Extra: det, MinConfidence: 0.5}
	for _, stream := range []bool{false, true} {
		n := h.count()
		h.post(t, routeChat, key, chatJSON(stream, "user", prompt))
		for deadline := time.Now().Add(2 * time.Second); h.count() == n && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
		var line struct{ Prompt, Completion string }
		json.Unmarshal([]byte(lines[len(lines)-1]), &line)
		want := "the deploy token is [SECRET:"
		if !strings.Contains(line.Prompt, want) || !strings.Contains(line.Completion, want) || !strings.Contains(line.Completion, "[EMAIL]") {
			t.Errorf("stream=%v: prompt %q, completion %q", stream, line.Prompt, line.Completion)
		}
		if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), email) {
			t.Errorf("stream=%v: a credential or an email reached the log", stream)
		}
	}
}
