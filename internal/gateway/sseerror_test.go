package gateway

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
)

// TestGuardResponsesStreamError: a Responses API stream the guard ends
// (block mode) ends with the API's own error event, `event: error` and
// {"type":"error","code","message","param","sequence_number"}, numbered
// one above the last event sent (after the events Ward added), with
// Ward's stable code and none of the answer's text; a stream without
// sequence numbers gets none. Before, it ended with chat completions'
// {"error":{…}} data line, which a Responses client does not expect.
func TestGuardResponsesStreamError(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	email := "li.wei" + "@" + "example.com"
	ends := []string{"response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"}
	for _, c := range []struct {
		name, input string
		answer      func(canary string) string
		leak, code  string
		numbered    bool
	}{
		{name: "canary", input: "hi", answer: func(canary string) string {
			return responsesStream(rItem{"message", []string{"the reference is " + canary + ", fine"}})
		}, leak: "zorblat", code: "system_prompt_leak_detected", numbered: true},
		{name: "canary after an added delta", input: "Mail " + email, answer: func(canary string) string {
			return responsesStream(rItem{"message", []string{"Write to <EMAIL_1> soon"}}, rItem{"message", []string{"ref " + canary + " ok"}})
		}, leak: "zorblat", code: "system_prompt_leak_detected", numbered: true},
		{name: "credential at the end of a cut stream", input: "hi", answer: func(string) string {
			return dropEvents(responsesStream(rItem{"message", []string{"the key is " + l.github}}), ends...)
		}, leak: l.github, code: "sensitive_data_detected", numbered: true},
		{name: "credential in arguments, no sequence numbers", input: "hi", answer: func(string) string {
			return responsesArgsStream(`{"t":"` + l.github + `"}`)
		}, leak: l.github, code: "sensitive_data_detected"},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, c.answer)
			h, key := blockingHarness(t, up, KindOpenAI, det)
			h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
			h.gw.Guard.Default.Data[redact.TypeEmail] = redact.Pseudonymise
			resp, body := h.post(t, routeResponses, key, `{"model":"gpt-4.1","instructions":"You are the billing assistant.","stream":true,"input":`+quote(c.input)+`}`)
			events := strings.Split(strings.TrimSuffix(body, "\n\n"), "\n\n")
			last := events[len(events)-1]
			data, ok := strings.CutPrefix(last, "event: error\ndata: ")
			if resp.StatusCode != 200 || !ok || strings.Contains(body, c.leak) {
				t.Fatalf("%d, leak present %v, ends with %q", resp.StatusCode, strings.Contains(body, c.leak), last)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(data), &got); err != nil {
				t.Fatalf("%q: %v", data, err)
			}
			want := []string{"code", "error", "message", "param", "type"}
			if c.numbered {
				want = []string{"code", "error", "message", "param", "sequence_number", "type"}
				checkSequence(t, body)
				var before struct {
					Seq float64 `json:"sequence_number"`
				}
				json.Unmarshal([]byte(events[len(events)-2][strings.Index(events[len(events)-2], "data: ")+6:]), &before)
				if got["sequence_number"] != before.Seq+1 {
					t.Errorf("sequence_number %v after %v", got["sequence_number"], before.Seq)
				}
			}
			msg, _ := got["message"].(string)
			if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) || got["type"] != "error" || got["code"] != c.code ||
				got["param"] != nil || !strings.HasPrefix(msg, "the answer was withheld") {
				t.Errorf("error event %s", data)
			}
			// The same error as an object, which openai-python raises on.
			if inner, _ := got["error"].(map[string]any); inner["code"] != c.code || inner["message"] != msg {
				t.Errorf("error object %v", got["error"])
			}
		})
	}
}
