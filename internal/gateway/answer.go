package gateway

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/redact"
)

// answerText runs one text of an answer (a choice, a content block)
// through the guard, whole or chunk by chunk: pseudonyms restored,
// sensitive data masked, then the canary, system-prompt and link checks.
// In flag mode it judges and passes the text unchanged.
type answerText struct {
	red     *redact.StreamRedactor
	out     *guard.OutputChecker
	observe bool
}

// answerGuarded reports whether a request's answers go through the guard.
func (fg *flightGuard) answerGuarded() bool {
	if fg == nil {
		return false
	}
	o := fg.policy.Output
	return fg.vault != nil || len(o.Data) > 0 || fg.canary != "" || (o.SystemPrompt && fg.system != "") || len(o.AllowedDomains) > 0
}

func (g *Gateway) newAnswerText(fg *flightGuard) *answerText {
	pol := fg.policy
	a := &answerText{observe: !pol.enforce()}
	if fg.vault != nil || len(pol.Output.Data) > 0 {
		o := g.redactOptions(pol.Output.Data, pol.MinConfidence)
		o.Vault, o.Restore = fg.vault, fg.vault != nil
		a.red = redact.NewStreamRedactor(o)
	}
	oo := guard.OutputOptions{Canary: fg.canary, AllowedDomains: pol.Output.AllowedDomains, StripLinks: pol.Output.Links == LinksStrip}
	if pol.Output.SystemPrompt {
		oo.System = fg.system
	}
	if oo.Canary != "" || oo.System != "" || len(oo.AllowedDomains) > 0 {
		a.out = guard.NewOutputChecker(oo)
	}
	return a
}

// write takes the next chunk and returns what can be sent now.
func (a *answerText) write(s string) string {
	t := s
	if a.red != nil {
		t = string(a.red.Write([]byte(t)))
	}
	if a.out != nil {
		t = a.out.Write(t)
	}
	if a.observe {
		return s
	}
	return t
}

// flush returns what is still held back.
func (a *answerText) flush() string {
	var t string
	if a.red != nil {
		t = string(a.red.Flush())
	}
	if a.out != nil {
		t = a.out.Write(t) + a.out.Flush()
	}
	if a.observe {
		return ""
	}
	return t
}

// answerFindings are what the guard found in an answer's texts, by
// detector.
type answerFindings map[string][]string

func (af answerFindings) add(detector, category string) {
	af[detector] = appendNew(af[detector], category)
}

// findings collects what a text's checks found so far.
func (a *answerText) findings(af answerFindings) {
	if a.red != nil {
		for _, m := range a.red.Matches() {
			af.add(answerData, m.Type)
		}
	}
	if a.out != nil {
		for _, f := range a.out.Findings() {
			af.add(string(f.Category), f.Detail)
		}
	}
}

// uncheckedVerdict marks an answer part of which went out unchecked (an
// event larger than the guard reads).
var uncheckedVerdict = event.Verdict{Detector: "answer_unchecked", Action: "flag"}

// answerData is the detector name of sensitive data in answers.
const answerData = "answer_sensitive_data"

// answerBlocks reports whether what a detector found (cats) refuses the
// answer under pol: leaks of the system prompt, data of a kind whose
// action is block, links when Links is block.
func answerBlocks(pol *GuardPolicy, detector string, cats []string) bool {
	if !pol.enforce() {
		return false
	}
	switch detector {
	case string(guard.CanaryLeak), string(guard.SystemPromptLeak):
		return true
	case string(guard.ExfilLink):
		return pol.Output.Links == LinksBlock
	case answerData:
		for _, c := range cats {
			if pol.Output.Data[c] == redact.Block {
				return true
			}
		}
	}
	return false
}

// verdict turns an answer's findings into the event's verdicts and, in
// block mode, the error that replaces the answer.
func (fg *flightGuard) verdict(ev *event.Event, af answerFindings) *apiError {
	pol := fg.policy
	var deny *apiError
	for _, det := range sortedKeys(af) {
		cats := af[det]
		blocks := answerBlocks(pol, det, cats)
		if det == string(guard.CanaryLeak) || det == string(guard.SystemPromptLeak) {
			cats = nil // never the canary or the system prompt's words
		}
		action := "flag"
		switch {
		case blocks:
			action = "block"
		case pol.enforce() && det == string(guard.ExfilLink) && pol.Output.Links == LinksStrip:
			action = "strip"
		case pol.enforce() && det == answerData:
			action = "mask"
		}
		ev.Verdicts = append(ev.Verdicts, event.Verdict{Detector: det, Action: action, Score: 1, Category: strings.Join(cats, ",")})
		if action == "block" && deny == nil {
			deny = answerRefused(det)
		}
	}
	return deny
}

func sortedKeys(m answerFindings) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// answerRefused is the error that replaces a refused answer.
func answerRefused(detector string) *apiError {
	code, msg := "system_prompt_leak_detected", "the answer was withheld: it reveals the system prompt"
	switch detector {
	case string(guard.ExfilLink):
		code, msg = "exfiltration_link_detected", "the answer was withheld: it links to a domain that is not allowed"
	case answerData:
		code, msg = "sensitive_data_detected", "the answer was withheld: it carries credentials or sensitive personal data"
	}
	return &apiError{status: http.StatusBadRequest, kind: "invalid_request_error", code: code, msg: msg, reason: code}
}

// guardJSON checks a whole JSON answer: chat choices' message content,
// completions' text, Anthropic's text blocks and the Responses API's
// output text. It returns the answer to send (rewritten, or as it came
// when nothing changed) or the error to send instead.
func (g *Gateway) guardJSON(f *flight, raw []byte) ([]byte, *apiError) {
	var root map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&root) != nil {
		return raw, nil // not JSON: nothing the guard can read
	}
	af := answerFindings{}
	changed := false
	eachAnswerText(root, func(s string, set func(string)) {
		a := g.newAnswerText(f.guard)
		out := a.write(s) + a.flush()
		a.findings(af)
		if out != s {
			set(out)
			changed = true
		}
	})
	if e := f.guard.verdict(&f.ev, af); e != nil {
		return nil, e
	}
	if !changed {
		return raw, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(root) != nil {
		return raw, nil
	}
	return b.Bytes(), nil
}

// eachAnswerText calls fn with every text of a JSON answer and a
// function that replaces it.
func eachAnswerText(root map[string]any, fn func(string, func(string))) {
	for _, c := range list(root["choices"]) {
		if msg, ok := c["message"].(map[string]any); ok {
			stringField(msg, "content", fn)
		}
		stringField(c, "text", fn)
	}
	for _, block := range list(root["content"]) {
		if block["type"] == "text" {
			stringField(block, "text", fn)
		}
	}
	for _, item := range list(root["output"]) {
		for _, part := range list(item["content"]) {
			if part["type"] == "output_text" {
				stringField(part, "text", fn)
			}
		}
	}
}

// list returns the objects of a JSON array.
func list(v any) []map[string]any {
	arr, _ := v.([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func stringField(m map[string]any, key string, fn func(string, func(string))) {
	if s, ok := m[key].(string); ok {
		fn(s, func(v string) { m[key] = v })
	}
}
