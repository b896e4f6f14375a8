package gateway

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// textKind says who wrote a text of a request.
type textKind int

const (
	// textDirect is the caller's own text: user and assistant messages,
	// completions' prompt, the Responses API's input.
	textDirect textKind = iota
	// textIndirect is content the application did not write: tool and
	// function results, documents (the documents tagged inside other
	// texts are found when they are judged: see injectionTexts).
	textIndirect
	// textSystem is the system prompt (system and developer messages,
	// Anthropic's system, the Responses API's instructions).
	textSystem
	// textArguments is the arguments of the tool calls the model made,
	// sent back with the conversation: searched for sensitive data, not
	// judged as injection (the model wrote them, as JSON).
	textArguments
)

// texts is a request body decoded as a tree, with a handle on each text
// the guard reads, so it can rewrite them and encode the body again.
type texts struct {
	root map[string]any
	refs []textRef
	// skipped names the kinds of parts text detectors cannot read
	// (image, audio, file).
	skipped []string
	// group numbers the content list being read (see textRef.group).
	group, groups int
}

// textRef is one text of a request and how to replace it.
type textRef struct {
	kind textKind
	text string
	set  func(string)
	// group is shared by the texts of one content list (the parts of a
	// message), which a reader sees as one text.
	group int
}

// texts returns the request body's texts, decoded once per request (the
// log's content and the guard read the same).
func (f *flight) texts() (*texts, error) {
	if f.doc == nil {
		doc, err := parseTexts(f.in.body)
		if err != nil {
			return nil, err
		}
		f.doc = doc
	}
	return f.doc, nil
}

// parseTexts decodes a (validated) body and finds its texts: chat and
// Anthropic messages (string content or text parts, tool results),
// Anthropic's system, the Responses API's instructions and input, and
// completions' and embeddings' prompt and input strings. Images and audio
// are skipped.
func parseTexts(body []byte) (*texts, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber() // numbers go back out as they came
	t := &texts{}
	if err := d.Decode(&t.root); err != nil {
		return nil, err
	}
	if msgs, ok := t.root["messages"].([]any); ok {
		for _, m := range msgs {
			if mm, ok := m.(map[string]any); ok {
				t.content(mm, "content", roleKind(mm["role"]))
				t.toolCalls(mm)
			}
		}
	}
	t.content(t.root, "system", textSystem)
	t.content(t.root, "instructions", textSystem)
	t.input(t.root)
	t.content(t.root, "prompt", textDirect)
	return t, nil
}

func roleKind(role any) textKind {
	switch role {
	case "system", "developer":
		return textSystem
	case "tool", "function":
		return textIndirect
	}
	return textDirect
}

// contentLists returns, by content list (textRef.group), the indexes of
// the texts of refs in it that keep accepts, in order.
func contentLists(refs []textRef, keep func(textRef) bool) map[int][]int {
	lists := map[int][]int{}
	for i, r := range refs {
		if r.group != 0 && keep(r) {
			lists[r.group] = append(lists[r.group], i)
		}
	}
	return lists
}

// content adds the texts of parent[key]: a string, or a list of strings
// and parts. Token ids (numbers, lists of numbers) cannot be read and are
// noted as unscanned.
func (t *texts) content(parent map[string]any, key string, kind textKind) {
	switch v := parent[key].(type) {
	case string:
		t.add(kind, v, func(s string) { parent[key] = s })
	case []any:
		outer := t.group
		t.groups++
		t.group = t.groups
		for i := range v {
			t.element(v, i, kind)
		}
		t.group = outer
	}
}

// element adds the texts of list[i], a string, a part or token ids.
func (t *texts) element(list []any, i int, kind textKind) {
	switch pv := list[i].(type) {
	case string:
		t.add(kind, pv, func(s string) { list[i] = s })
	case map[string]any:
		t.part(pv, kind)
	case json.Number, []any:
		t.note("tokens")
	}
}

// input adds parent["input"]: as content, except that an item of the
// Responses API's input list with a role of its own (a message) is that
// role's text. Only such an item's role is read, never a content part's.
func (t *texts) input(parent map[string]any) {
	list, ok := parent["input"].([]any)
	if !ok {
		t.content(parent, "input", textDirect)
		return
	}
	for i, it := range list {
		if m, ok := it.(map[string]any); ok && m["role"] != nil {
			t.part(m, roleKind(m["role"]))
			continue
		}
		t.element(list, i, textDirect)
	}
}

// part adds the texts of a content part or a Responses API input item.
func (t *texts) part(p map[string]any, kind textKind) {
	typ, _ := p["type"].(string)
	if toolResult(typ) {
		kind = textIndirect
	}
	switch typ {
	case "computer_call_output":
		t.note("image") // a screenshot
	case "image_url", "input_image", "image":
		t.note("image")
	case "input_audio", "audio":
		t.note("audio")
	case "document":
		if !t.document(p) {
			t.note("file")
		}
	case "file", "input_file":
		t.note("file")
	}
	if s, ok := p["text"].(string); ok {
		t.add(kind, s, func(s string) { p["text"] = s })
	}
	switch typ {
	case "function_call":
		t.arguments(p)
	case "mcp_call":
		t.arguments(p)
		t.content(p, "error", kind) // the MCP server's words, as its output
	case "custom_tool_call": // free text the model wrote for a custom tool
		if s, ok := p["input"].(string); ok {
			t.add(textArguments, s, func(s string) { p["input"] = s })
		}
	case "tool_use":
		t.leaves(p["input"], func(n any) { p["input"] = n }, 0)
	case "logs": // a code interpreter call's output
		t.content(p, "logs", kind)
	}
	// A shell call's output (shell_call_output) is a list of chunks of
	// captured stdout and stderr, without a type or a text.
	for _, k := range [...]string{"stdout", "stderr"} {
		if s, ok := p[k].(string); ok {
			t.add(kind, s, func(s string) { p[k] = s })
		}
	}
	t.content(p, "content", kind)
	t.content(p, "output", kind)
	t.content(p, "results", kind) // a file search call's passages
	t.content(p, "outputs", kind) // a code interpreter call's
}

// toolResult reports a content part or Responses API input item that
// holds what a tool returned: Anthropic's tool_result and server tools'
// "…_tool_result" blocks (an MCP connector's text), every Responses
// "…_output" item (function, custom tool, shell, computer calls), an MCP
// call (its output) and a file search or code interpreter call (their
// results and logs).
func toolResult(typ string) bool {
	switch typ {
	case "tool_result", "mcp_call", "file_search_call", "code_interpreter_call":
		return true
	}
	return strings.HasSuffix(typ, "_output") || strings.HasSuffix(typ, "_tool_result")
}

// document adds the text of an Anthropic document block whose source is
// plain text ({"type":"text","data":…}) or a list of content blocks, as
// indirect text: a document is data the application put in, where
// instructions are the attack. A PDF or a URL cannot be read here; it
// reports false for those.
func (t *texts) document(p map[string]any) bool {
	src, ok := p["source"].(map[string]any)
	if !ok {
		return false
	}
	switch src["type"] {
	case "text":
		if _, ok := src["data"].(string); ok {
			t.content(src, "data", textIndirect)
			return true
		}
	case "content":
		t.content(src, "content", textIndirect)
		return true
	}
	return false
}

// toolCalls adds the arguments of a chat message's tool calls (and of
// the legacy function_call).
func (t *texts) toolCalls(msg map[string]any) {
	if calls, ok := msg["tool_calls"].([]any); ok {
		for _, c := range calls {
			if cm, ok := c.(map[string]any); ok {
				if fn, ok := cm["function"].(map[string]any); ok {
					t.arguments(fn)
				}
			}
		}
	}
	if fn, ok := msg["function_call"].(map[string]any); ok {
		t.arguments(fn)
	}
}

// arguments adds call["arguments"] when it is a string.
func (t *texts) arguments(call map[string]any) {
	if s, ok := call["arguments"].(string); ok {
		t.add(textArguments, s, func(s string) { call["arguments"] = s })
	}
}

// maxLeafDepth bounds how deep leaves looks into a tool call's input.
const maxLeafDepth = 32

// leaves adds, as tool-call arguments, every string in v (Anthropic's
// tool_use input, an object), in key order, down to maxLeafDepth; set
// replaces v.
func (t *texts) leaves(v any, set func(any), depth int) {
	if depth > maxLeafDepth {
		return
	}
	switch x := v.(type) {
	case string:
		t.add(textArguments, x, func(s string) { set(s) })
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			t.leaves(x[k], func(n any) { x[k] = n }, depth+1)
		}
	case []any:
		for i := range x {
			t.leaves(x[i], func(n any) { x[i] = n }, depth+1)
		}
	}
}

func (t *texts) note(kind string) {
	if !slices.Contains(t.skipped, kind) {
		t.skipped = append(t.skipped, kind)
	}
}

func (t *texts) add(kind textKind, s string, set func(string)) {
	t.refs = append(t.refs, textRef{kind: kind, text: s, set: set, group: t.group})
}

// set replaces the i-th text.
func (t *texts) set(i int, s string) {
	t.refs[i].text = s
	t.refs[i].set(s)
}

// join returns the texts of one kind, a line each, all of them (the body
// limit bounds them; see windows for how they are judged).
func (t *texts) join(kind textKind) string {
	var b strings.Builder
	for _, r := range t.refs {
		if r.kind == kind {
			b.WriteString(r.text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// appendSystem adds s to the last system text; it reports false when
// the request has none.
func (t *texts) appendSystem(s string) bool {
	for i := len(t.refs) - 1; i >= 0; i-- {
		if t.refs[i].kind == textSystem {
			t.set(i, t.refs[i].text+s)
			return true
		}
	}
	return false
}

// encode writes the tree back as JSON (keys sorted, HTML not escaped).
func (t *texts) encode() []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(t.root) // a tree decoded from JSON encodes
	return bytes.TrimRight(b.Bytes(), "\n")
}

// replaceBody makes body (a rewrite of the request's own) the body to
// forward.
func (in *inbound) replaceBody(body []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil {
		return err
	}
	in.body, in.fields = body, fields
	return nil
}
