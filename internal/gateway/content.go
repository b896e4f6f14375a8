package gateway

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/redact"
)

// maxLoggedContent bounds the prompt and the completion a log line
// carries when LogContent is on.
const maxLoggedContent = 16 << 10

// contentLog collects a request's prompt and its answer's text for the
// log line, when LogContent is on.
type contentLog struct {
	prompt     string
	completion strings.Builder
	full       bool // the completion reached its bound
}

// startContent notes the prompt of a request whose content is logged.
func (g *Gateway) startContent(f *flight) {
	if g.LogContent == nil || f.in == nil || len(f.in.body) == 0 {
		return
	}
	c := &contentLog{}
	if doc, err := f.texts(); err == nil {
		var b strings.Builder
		for _, r := range doc.refs {
			b.WriteString(r.text)
			b.WriteByte('\n')
			if b.Len() >= maxLoggedContent {
				break
			}
		}
		c.prompt = b.String()
	}
	f.content = c
}

// add appends answer text, bounded.
func (c *contentLog) add(s string) {
	if room := maxLoggedContent - c.completion.Len(); room > 0 && !c.full {
		n := min(len(s), room)
		for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
			n-- // whole characters only
		}
		c.completion.WriteString(s[:n])
		if n < len(s) {
			c.full = true // no later, shorter delta may fill the gap
		}
	}
}

// addJSON takes the text of a whole JSON answer.
func (c *contentLog) addJSON(answer []byte) {
	var root map[string]any
	if json.Unmarshal(answer, &root) != nil {
		return
	}
	eachAnswerText(root, func(s string, _ func(string), _ answerKind) { c.add(s) })
}

// deltaFields covers the text of a stream event: OpenAI chat and
// completions chunks, Anthropic's text_delta and the Responses API's
// output_text.delta.
type deltaFields struct {
	Type    string `json:"type"`
	Choices []struct {
		Text  string `json:"text"`
		Delta struct {
			Content string `json:"content"`
		} `json:"delta"`
	} `json:"choices"`
	Delta json.RawMessage `json:"delta"`
}

// addEvent takes the text of one stream event's data.
func (c *contentLog) addEvent(data []byte) {
	if !bytes.Contains(data, []byte(`"delta"`)) && !bytes.Contains(data, []byte(`"text"`)) {
		return
	}
	var d deltaFields
	if json.Unmarshal(data, &d) != nil {
		return
	}
	for _, ch := range d.Choices {
		c.add(ch.Text + ch.Delta.Content)
	}
	var s string
	var part struct {
		Text string `json:"text"`
	}
	switch {
	case len(d.Delta) == 0:
	case json.Unmarshal(d.Delta, &s) == nil && d.Type == "response.output_text.delta":
		c.add(s)
	case json.Unmarshal(d.Delta, &part) == nil:
		c.add(part.Text)
	}
}

// masked returns the prompt and completion with credentials and personal
// data masked, as they go into the log.
func (c *contentLog) masked(o *redact.Options) (string, string) {
	p, _ := redact.Redact(c.prompt, *o)
	a, _ := redact.Redact(c.completion.String(), *o)
	return p, a
}
