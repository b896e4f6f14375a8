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
	// vault restores pseudonyms JSON-escaped (tool-call arguments), under
	// the answer's data policy; the redactor restores them in prose.
	// rtail is a chunk's tail held for the next (the start of an escaped
	// placeholder); restored are the placeholders the policy masked or
	// blocked.
	vault    *redact.Vault
	policy   redact.Policy
	rtail    string
	restored []redact.Match
	// json keeps streamed tool-call arguments valid JSON as they are
	// masked (nil: whole arguments, prose, flag mode).
	json *argsJSON
}

// answerKind says what an answer's text is, and so which checks it gets.
type answerKind int

const (
	// textProse is text a reader sees (content, refusals, reasoning,
	// thinking): every check, links included.
	textProse answerKind = iota
	// textArgs is a tool call's arguments, JSON text the model wrote:
	// data, canary and system-prompt checks, pseudonyms restored
	// JSON-escaped. Links are not checked: no renderer fetches them.
	textArgs
	// textValue is a string value decoded from tool-call arguments, or
	// a custom tool call's input (free text): textArgs' checks,
	// pseudonyms restored as they are.
	textValue
)

// answerStream is one text of an answer checked as it arrives.
type answerStream interface {
	write(s string) string
	flush() string
	findings(af answerFindings)
}

// answerGuarded reports whether a request's answers go through the guard.
func (fg *flightGuard) answerGuarded() bool {
	if fg == nil {
		return false
	}
	o := fg.policy.Output
	return fg.vault != nil || len(o.Data) > 0 || fg.canary != "" || (o.SystemPrompt && fg.system != "") || len(o.AllowedDomains) > 0
}

func (g *Gateway) newAnswerText(fg *flightGuard, kind answerKind) *answerText {
	pol := fg.policy
	a := &answerText{observe: !pol.enforce()}
	if fg.vault != nil || len(pol.Output.Data) > 0 {
		o := g.redactOptions(pol.Output.Data, pol.MinConfidence)
		o.Vault, o.Restore = fg.vault, fg.vault != nil && kind != textArgs
		if kind == textArgs {
			a.vault, a.policy = fg.vault, pol.Output.Data
		}
		a.red = redact.NewStreamRedactor(o)
	}
	oo := guard.OutputOptions{Canary: fg.canary}
	if kind == textProse {
		oo.AllowedDomains, oo.StripLinks = pol.Output.AllowedDomains, pol.Output.Links == LinksStrip
	}
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
		if a.json != nil {
			t = a.json.rewrite(s, t, a.red.Matches())
		}
		t = a.restore(t, false)
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
		if a.json != nil {
			t = a.json.rewrite("", t, a.red.Matches())
		}
		t = a.restore(t, true)
	}
	if a.out != nil {
		t = a.out.Write(t) + a.out.Flush()
	}
	if a.observe {
		return ""
	}
	return t
}

// restore puts the vault's pseudonyms back in t, the next chunk of
// tool-call arguments (see restoreJSON); final ends the text.
func (a *answerText) restore(t string, final bool) string {
	if a.vault == nil {
		return t
	}
	out, rest := restoreJSONPart(a.vault, a.policy, a.rtail+t, final, &a.restored)
	a.rtail = rest
	return out
}

// check runs a whole text through a fresh answerText of kind, adding
// what it found to af.
func (g *Gateway) check(fg *flightGuard, kind answerKind, s string, af answerFindings) string {
	a := g.newAnswerText(fg, kind)
	out := a.write(s) + a.flush()
	a.findings(af)
	return out
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
	for _, m := range a.restored {
		af.add(answerData, m.Type)
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
// refusal, reasoning and tool calls, completions' text, Anthropic's text,
// thinking and tool_use blocks, and the Responses API's output text,
// refusals, reasoning and function calls. It returns the answer to send
// (rewritten, or as it came when nothing changed) or the error to send
// instead.
func (g *Gateway) guardJSON(f *flight, raw []byte) ([]byte, *apiError) {
	var root map[string]any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if d.Decode(&root) != nil {
		return raw, nil // not JSON: nothing the guard can read
	}
	af := answerFindings{}
	for _, j := range joinedTexts(root) {
		g.check(f.guard, textProse, j, af) // found, not rewritten
	}
	changed := false
	eachAnswerText(root, func(s string, set func(string), kind answerKind) {
		var out string
		if kind == textArgs {
			out = g.checkArguments(f.guard, s, af)
		} else {
			out = g.check(f.guard, kind, s, af)
		}
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

// textFn takes a text of an answer, a function that replaces it, and
// what kind of text it is.
type textFn func(s string, set func(string), kind answerKind)

// chatFields are the texts of a chat message or delta a reader sees
// ("reasoning" as some OpenAI-compatible providers name
// reasoning_content).
var chatFields = []string{"content", "refusal", "reasoning_content", "reasoning"}

// eachAnswerText calls fn with every text of a JSON answer.
func eachAnswerText(root map[string]any, fn textFn) {
	for _, c := range list(root["choices"]) {
		if msg, ok := c["message"].(map[string]any); ok {
			chatTexts(msg, fn)
		}
		stringField(c, "text", textProse, fn)
	}
	for _, block := range list(root["content"]) {
		anthropicBlock(block, fn)
	}
	for _, item := range list(root["output"]) {
		responsesItem(item, fn)
	}
}

// chatTexts calls fn with a chat message's texts and the arguments of
// its tool calls (and of the legacy function_call).
func chatTexts(msg map[string]any, fn textFn) {
	for _, f := range chatFields {
		stringField(msg, f, textProse, fn)
	}
	for _, call := range list(msg["tool_calls"]) {
		if fc, ok := call["function"].(map[string]any); ok {
			stringField(fc, "arguments", textArgs, fn)
		}
	}
	if fc, ok := msg["function_call"].(map[string]any); ok {
		stringField(fc, "arguments", textArgs, fn)
	}
}

// anthropicBlock calls fn with the text of an Anthropic content block:
// text, thinking, or a tool call's input as JSON text.
func anthropicBlock(block map[string]any, fn textFn) {
	switch block["type"] {
	case "text":
		stringField(block, "text", textProse, fn)
	case "thinking":
		stringField(block, "thinking", textProse, fn)
	case "tool_use", "server_tool_use":
		if in, ok := block["input"]; ok {
			fn(string(encodeJSON(in)), func(v string) { block["input"] = decodeOr(v) }, textArgs)
		}
	}
}

// responsesItem calls fn with the texts of a Responses API output item:
// a message's output text and refusals, a function call's arguments, a
// custom tool call's input (free text: checked as a value of arguments
// is), a reasoning item's summary and text.
func responsesItem(item map[string]any, fn textFn) {
	switch item["type"] {
	case "function_call":
		stringField(item, "arguments", textArgs, fn)
	case "custom_tool_call":
		stringField(item, "input", textValue, fn)
	case "reasoning":
		for _, p := range list(item["summary"]) {
			stringField(p, "text", textProse, fn)
		}
		for _, p := range list(item["content"]) {
			stringField(p, "text", textProse, fn)
		}
	default:
		for _, part := range list(item["content"]) {
			switch part["type"] {
			case "output_text":
				stringField(part, "text", textProse, fn)
			case "refusal":
				stringField(part, "refusal", textProse, fn)
			}
		}
	}
}

// decodeOr decodes JSON text, or returns it as a string when it is not
// JSON.
func decodeOr(s string) any {
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return s
	}
	return v
}

// joinedTexts returns, for an answer in several text blocks (Anthropic)
// or output text parts (of the Responses API's messages, all of them:
// the SDKs' output_text joins the parts of every message item), their
// texts joined with nothing between them, as a reader sees them: a value
// split across two blocks is found there (and refused when its kind
// blocks), though not masked.
func joinedTexts(root map[string]any) []string {
	var out []string
	join := func(parts []map[string]any, typ string) {
		var b strings.Builder
		n := 0
		for _, p := range parts {
			if t, ok := p["text"].(string); ok && p["type"] == typ {
				b.WriteString(t)
				n++
			}
		}
		if n > 1 {
			out = append(out, b.String())
		}
	}
	join(list(root["content"]), "text")
	var parts []map[string]any
	for _, item := range list(root["output"]) {
		parts = append(parts, list(item["content"])...)
	}
	join(parts, "output_text")
	return out
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

func stringField(m map[string]any, key string, kind answerKind, fn textFn) {
	if s, ok := m[key].(string); ok && s != "" {
		fn(s, func(v string) { m[key] = v }, kind)
	}
}
