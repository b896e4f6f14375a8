package gateway

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/secrets"
)

// Guard modes.
const (
	GuardOff   = "off"
	GuardFlag  = "flag"  // judge and record, forward anyway (shadow rollout)
	GuardBlock = "block" // refuse flagged requests with 400 prompt_injection_detected
)

// GuardOptions turn on prompt-injection detection for every request,
// and, when Secrets is set, the detection of credentials and of payment
// cards, IBANs and SSNs in what callers send.
type GuardOptions struct {
	Mode      string
	Threshold float64
	Secrets   *secrets.Detector
}

// sensitiveTypes are the personal data a request must not carry to a
// provider (kept small: emails and phone numbers are ordinary in prompts).
var sensitiveTypes = []string{redact.TypeCard, redact.TypeIBAN, redact.TypeSSN}

// minSensitiveConfidence keeps weak matches (bare digit runs) out.
const minSensitiveConfidence = 0.8

// maxGuardText bounds the text of one request the guard judges.
const maxGuardText = 256 << 10

// judge runs the guard over the text of a request's messages; it returns
// an error for a request to refuse.
func (g *Gateway) judge(f *flight, route string) *apiError {
	if g.Guard == nil || g.Guard.Mode == "" || g.Guard.Mode == GuardOff || route == routeEmbeddings {
		return nil
	}
	text := requestText(f.in.fields)
	if text == "" {
		return nil
	}
	action := "flag"
	if g.Guard.Mode == GuardBlock {
		action = "block"
	}
	if cats := g.sensitive(text); len(cats) > 0 {
		f.ev.Verdicts = append(f.ev.Verdicts, event.Verdict{Detector: "sensitive_data", Action: action, Score: 1, Category: strings.Join(cats, ",")})
		if action == "block" {
			return &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: "sensitive_data_detected",
				msg:    "the request was refused: it carries credentials or sensitive personal data (" + strings.Join(cats, ", ") + ")",
				reason: "sensitive_data_detected"}
		}
	}
	v := guard.Check(text, g.Guard.Threshold)
	if !v.Flagged {
		return nil
	}
	f.ev.Verdicts = append(f.ev.Verdicts, event.Verdict{
		Detector: "prompt_injection", Action: action, Score: v.Score, Category: strings.Join(v.Categories, ","),
	})
	if action != "block" {
		return nil
	}
	return &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: "prompt_injection_detected",
		msg: "the request was refused: it looks like a prompt injection", reason: "prompt_injection_detected"}
}

// sensitive names what a text carries that must not leave: the rule ids
// of credentials and the types of sensitive personal data (never values).
func (g *Gateway) sensitive(text string) []string {
	var cats []string
	if g.Guard.Secrets != nil {
		for _, m := range g.Guard.Secrets.Scan(secrets.Target{Path: "request"}, []byte(text)) {
			if !slices.Contains(cats, m.Rule.ID) {
				cats = append(cats, m.Rule.ID)
			}
		}
	}
	for _, m := range redact.Detect(text, sensitiveTypes, minSensitiveConfidence) {
		if !slices.Contains(cats, m.Type) {
			cats = append(cats, m.Type)
		}
	}
	return cats
}

// requestText gathers the text a request sends to the model: chat and
// Anthropic messages (string or text parts, every role but the system's),
// the Responses API's input, and completions' prompt; bounded.
func requestText(fields map[string]json.RawMessage) string {
	var b strings.Builder
	add := func(s string) {
		if b.Len() < maxGuardText {
			b.WriteString(s[:min(len(s), maxGuardText-b.Len())])
			b.WriteByte('\n')
		}
	}
	var messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	}
	if json.Unmarshal(fields["messages"], &messages) == nil {
		for _, m := range messages {
			if m.Role != "system" && m.Role != "developer" {
				contentText(m.Content, add)
			}
		}
	}
	for _, name := range [...]string{"input", "prompt"} {
		contentText(fields[name], add)
	}
	return b.String()
}

// contentText reads a content value: a string, a list of strings, or a
// list of parts whose text is in "text" (images and audio are skipped).
func contentText(raw json.RawMessage, add func(string)) {
	if len(raw) == 0 {
		return
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		add(s)
		return
	}
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		return
	}
	for _, p := range parts {
		if json.Unmarshal(p, &s) == nil {
			add(s)
			continue
		}
		var part struct {
			Text    string          `json:"text"`
			Content json.RawMessage `json:"content"`
		}
		if json.Unmarshal(p, &part) == nil {
			if part.Text != "" {
				add(part.Text)
			}
			contentText(part.Content, add) // Responses API messages, tool results
		}
	}
}
