package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Limits of the external classifier hook.
const (
	// DefaultClassifierTimeout is Classifier.Timeout when it is 0.
	DefaultClassifierTimeout = 300 * time.Millisecond
	// MaxClassifierText is the most bytes of text sent to a classifier; a
	// longer text is cut (at a character boundary).
	MaxClassifierText = 64 << 10
	// MaxClassifierResponse is the largest response body read.
	MaxClassifierResponse = 64 << 10
)

// ErrClassifier marks every failure of an external classifier: transport
// errors, timeouts, non-2xx statuses, oversize or unreadable responses.
// Its messages name the status or the shape that was wrong, never the
// text sent, the response body or the URL.
var ErrClassifier = errors.New("external classifier failed")

// Classifier calls an external prompt-injection classifier over HTTP, such
// as a Prompt Guard or Llama Guard server a team already runs.
//
// Contract. Ward sends POST URL with Content-Type application/json, the
// caller's Header, and the body {"text": "..."} (the first 64 KiB of the
// text). It waits at most Timeout and reads at most 64 KiB of response;
// any 2xx status with one of these bodies is an answer, the score being
// the probability of an injection, in [0, 1]:
//
//	{"score": 0.93}                                   the score itself
//	{"label": "INJECTION", "score": 0.93}             a label and its probability
//	[{"label": "JAILBREAK", "score": 0.9}, ...]       Hugging Face text-classification
//	[[{"label": "BENIGN", "score": 0.99}, ...]]       the same, batched
//	{"safe": false}, "unsafe\nS1", unsafe              Llama Guard style: 1 (safe: 0)
//	0.93                                              a bare number
//
// Labels are compared without case: INJECTION, JAILBREAK, MALICIOUS,
// UNSAFE and LABEL_1 (Prompt Guard 2) are malicious; BENIGN, SAFE and
// LABEL_0 are benign, and a benign label with probability p means a score
// of 1-p. Over a list, the score is the highest probability of a
// malicious label, or else 1 minus the highest benign one; a label
// without a score counts as probability 1. Anything else (another status,
// an unknown label, a score outside [0, 1], more than 64 KiB) is an error
// wrapping ErrClassifier.
//
// The score is combined with the built-in one by Combine. Score returns
// errors as they are; Judge applies FailOpen. A Classifier is safe for
// concurrent use once set up.
type Classifier struct {
	// URL is the endpoint, http or https.
	URL string
	// Timeout bounds one call, connection included; 0 means
	// DefaultClassifierTimeout (300ms).
	Timeout time.Duration
	// FailOpen decides what Judge does when the classifier fails: true
	// scores the text 0 and reports the failure, false returns an error
	// that the caller turns into a block.
	FailOpen bool
	// Header is added to every request, for example Authorization read
	// from an environment variable by the caller.
	Header http.Header
	// Client sends the requests; nil means a client with the timeout that
	// does not follow redirects (a 3xx is an error).
	Client *http.Client
}

// Judgement is the outcome of Judge.
type Judgement struct {
	// Score is the classifier's score, or 0 when it failed open.
	Score float64
	// FailedOpen is set when the classifier failed and FailOpen let the
	// text through; Cause says why (safe to log).
	FailedOpen bool
	Cause      error
}

// Score asks the classifier for the probability that text is an injection.
// Errors wrap ErrClassifier (and context.DeadlineExceeded on a timeout).
func (c *Classifier) Score(ctx context.Context, text string) (float64, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultClassifierTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := c.request(ctx, text)
	if err != nil {
		return 0, err
	}
	client := c.Client
	if client == nil {
		client = &http.Client{Timeout: timeout, CheckRedirect: noRedirect}
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, transportError(err, timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxClassifierResponse))
		return 0, fmt.Errorf("%w: status %d", ErrClassifier, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxClassifierResponse+1))
	if err != nil {
		return 0, transportError(err, timeout)
	}
	if len(body) > MaxClassifierResponse {
		return 0, fmt.Errorf("%w: response over %d bytes", ErrClassifier, MaxClassifierResponse)
	}
	return parseClassifierResponse(body)
}

// Judge scores text and applies FailOpen: on a failure it returns a
// Judgement with FailedOpen and the Cause when FailOpen is set, and the
// error otherwise (the caller then blocks the request).
func (c *Classifier) Judge(ctx context.Context, text string) (Judgement, error) {
	score, err := c.Score(ctx, text)
	switch {
	case err == nil:
		return Judgement{Score: score}, nil
	case c.FailOpen:
		return Judgement{FailedOpen: true, Cause: err}, nil
	}
	return Judgement{}, err
}

// Combine merges the built-in score and an external one as independent
// evidence (noisy-or): 1-(1-builtin)(1-external). Scores are clamped to
// [0, 1]; NaN counts as 1.
func Combine(builtin, external float64) float64 {
	return 1 - (1-clamp01(builtin))*(1-clamp01(external))
}

// clamp01 keeps x within [0, 1], mapping NaN to 1.
func clamp01(x float64) float64 {
	if math.IsNaN(x) {
		return 1
	}
	return math.Min(1, math.Max(0, x))
}

// noRedirect keeps the default client from sending the text on to
// another address: a redirect is answered as its own status, an error.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// request builds the POST of text.
func (c *Classifier) request(ctx context.Context, text string) (*http.Request, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: URL must be http or https with a host", ErrClassifier)
	}
	body, err := json.Marshal(struct {
		Text string `json:"text"`
	}{truncateUTF8(text, MaxClassifierText)})
	if err != nil {
		return nil, fmt.Errorf("%w: encode request", ErrClassifier)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: build request", ErrClassifier)
	}
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// transportError describes a failed call without the URL that *url.Error
// would print.
func transportError(err error, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		return fmt.Errorf("%w: no answer within %v: %w", ErrClassifier, timeout, context.DeadlineExceeded)
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %w", ErrClassifier, context.Canceled)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%w: %s", ErrClassifier, shortTransportReason(err))
}

// isTimeout reports whether err is a network timeout.
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// shortTransportReason names a transport failure in a few words.
func shortTransportReason(err error) string {
	msg := err.Error()
	for _, s := range []string{"connection refused", "connection reset", "no such host", "EOF", "tls", "certificate"} {
		if strings.Contains(msg, s) {
			return s
		}
	}
	return "request failed"
}

// classifierLabel is one {"label", "score"} entry.
type classifierLabel struct {
	Label *string  `json:"label"`
	Score *float64 `json:"score"`
	Safe  *bool    `json:"safe"`
}

// parseClassifierResponse reads a classifier's response body in one of
// the shapes described on Classifier and returns the injection score.
// Errors wrap ErrClassifier and never quote the body.
func parseClassifierResponse(body []byte) (float64, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return 0, fmt.Errorf("%w: empty response", ErrClassifier)
	}
	switch body[0] {
	case '{':
		var l classifierLabel
		if json.Unmarshal(body, &l) != nil {
			return 0, fmt.Errorf("%w: malformed JSON object", ErrClassifier)
		}
		return scoreObject(l)
	case '[':
		return scoreList(body)
	case '"':
		var s string
		if json.Unmarshal(body, &s) != nil {
			return 0, fmt.Errorf("%w: malformed JSON string", ErrClassifier)
		}
		return scoreVerdictText(s)
	}
	return scoreVerdictText(string(body))
}

// scoreObject scores {"score"}, {"label", "score"} or {"safe"}.
func scoreObject(l classifierLabel) (float64, error) {
	switch {
	case l.Label != nil:
		return labelScore(l)
	case l.Score != nil:
		return checkScore(*l.Score)
	case l.Safe != nil && *l.Safe:
		return 0, nil
	case l.Safe != nil:
		return 1, nil
	}
	return 0, fmt.Errorf("%w: object without score, label or safe", ErrClassifier)
}

// scoreList scores a list of labels, or a list of such lists (the
// lists are merged).
func scoreList(body []byte) (float64, error) {
	var raw []json.RawMessage
	if json.Unmarshal(body, &raw) != nil {
		return 0, fmt.Errorf("%w: malformed JSON list", ErrClassifier)
	}
	var labels []classifierLabel
	for _, item := range raw {
		item = bytes.TrimSpace(item)
		if len(item) > 0 && item[0] == '[' {
			var inner []classifierLabel
			if json.Unmarshal(item, &inner) != nil {
				return 0, fmt.Errorf("%w: malformed nested list", ErrClassifier)
			}
			labels = append(labels, inner...)
			continue
		}
		var l classifierLabel
		if json.Unmarshal(item, &l) != nil {
			return 0, fmt.Errorf("%w: list item is not a label object", ErrClassifier)
		}
		labels = append(labels, l)
	}
	return scoreLabels(labels)
}

// scoreLabels takes the highest malicious probability, else 1 minus the
// highest benign one.
func scoreLabels(labels []classifierLabel) (float64, error) {
	bad, good := -1.0, -1.0
	for _, l := range labels {
		if l.Label == nil {
			return 0, fmt.Errorf("%w: list item without label", ErrClassifier)
		}
		malicious, err := labelKind(*l.Label)
		if err != nil {
			return 0, err
		}
		p, err := labelProbability(l)
		if err != nil {
			return 0, err
		}
		if malicious {
			bad = math.Max(bad, p)
		} else {
			good = math.Max(good, p)
		}
	}
	switch {
	case bad >= 0:
		return bad, nil
	case good >= 0:
		return 1 - good, nil
	}
	return 0, fmt.Errorf("%w: empty label list", ErrClassifier)
}

// labelScore scores one {"label", "score"}.
func labelScore(l classifierLabel) (float64, error) {
	malicious, err := labelKind(*l.Label)
	if err != nil {
		return 0, err
	}
	p, err := labelProbability(l)
	if err != nil || malicious {
		return p, err
	}
	return 1 - p, nil
}

// labelProbability is a label's score, 1 when absent.
func labelProbability(l classifierLabel) (float64, error) {
	if l.Score == nil {
		return 1, nil
	}
	return checkScore(*l.Score)
}

// labelKind reports whether a label is malicious; unknown labels are an
// error.
func labelKind(label string) (bool, error) {
	switch strings.ToUpper(strings.TrimSpace(label)) {
	case "INJECTION", "JAILBREAK", "MALICIOUS", "UNSAFE", "LABEL_1":
		return true, nil
	case "BENIGN", "SAFE", "LABEL_0":
		return false, nil
	}
	return false, fmt.Errorf("%w: unknown label", ErrClassifier)
}

// checkScore accepts a probability.
func checkScore(p float64) (float64, error) {
	if math.IsNaN(p) || p < 0 || p > 1 {
		return 0, fmt.Errorf("%w: score outside [0, 1]", ErrClassifier)
	}
	return p, nil
}

// scoreVerdictText scores a Llama Guard verdict: "safe" or "unsafe",
// possibly followed by a line of categories.
func scoreVerdictText(s string) (float64, error) {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	switch strings.ToLower(strings.TrimSpace(first)) {
	case "safe":
		return 0, nil
	case "unsafe":
		return 1, nil
	}
	if p, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		return checkScore(p)
	}
	return 0, fmt.Errorf("%w: response is not JSON nor a safe/unsafe verdict", ErrClassifier)
}
