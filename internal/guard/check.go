package guard

import (
	"math"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/guard/model"
)

// Verdict is the guard's judgement of one text.
type Verdict struct {
	// Flagged is Score at or above the threshold.
	Flagged bool `json:"flagged"`
	// Score combines the signature layer and the model, in [0,1].
	Score float64 `json:"score"`
	// ModelScore is the statistical model's score (the highest over the
	// text's views and their windows, see model.ScanScore);
	// SignatureScore the signature layer's, with the smuggling and
	// adversarial-suffix signals.
	ModelScore     float64 `json:"model_score"`
	SignatureScore float64 `json:"signature_score"`
	// Categories are the signature categories that fired, sorted.
	Categories []string `json:"categories"`
	// Spans locate the signature hits in their views.
	Spans   []SpanHit `json:"spans,omitempty"`
	Signals Signals   `json:"signals"`
}

// SpanHit is one signature hit, located.
type SpanHit struct {
	Category Category `json:"category"`
	Rule     string   `json:"rule"`
	View     ViewKind `json:"view"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
}

// Smuggling is the category of hidden-text signals (Unicode tag
// characters, bidi controls) that carry no words of their own.
const Smuggling Category = "smuggling"

// smugglingWeight is what hidden tag characters or bidi controls add.
const smugglingWeight = 0.6

// minDecodedWords is how many words a decoded view needs before the model
// scores it: an instruction takes at least two ("access granted"), while
// a lone decoded token (a base64 password in a Kubernetes Secret,
// "correct-horse-battery") is out of the model's domain and scored 0.93.
const minDecodedWords = 2

// modelReads reports whether the model scores view: the message itself
// and its hidden tag characters always, a decoded view only when it holds
// minDecodedWords words, a token split into words never. The signatures
// read every view.
func modelReads(view View) bool {
	switch view.Kind {
	case ViewNormalized, ViewTags:
		return true
	case ViewWords:
		return false
	}
	return len(strings.Fields(view.Text)) >= minDecodedWords
}

// DefaultThreshold is the model's operating point (0.4% false positives
// on the development set's benign lines, about 1% on ordinary prompts).
func DefaultThreshold() float64 { return model.Threshold() }

// Check judges a text: it normalises it, runs the signatures over every
// view, tests the normalised view for an adversarial suffix, runs the
// model over the normalised and decoded views and windows of them, and
// combines them as independent evidence (noisy-or).
func Check(text string, threshold float64) Verdict {
	vs := Normalize(text)
	v := Verdict{Signals: vs.Signals, Categories: []string{}}
	sig := 1.0 // probability that no signature is right
	for _, h := range Signatures(vs) {
		sig *= 1 - h.Weight
		v.Spans = append(v.Spans, SpanHit{Category: h.Category, Rule: h.Rule, View: h.Kind, Start: h.Span.Start, End: h.Span.End})
		if !slices.Contains(v.Categories, string(h.Category)) {
			v.Categories = append(v.Categories, string(h.Category))
		}
	}
	if vs.Signals.TagChars > 0 || vs.Signals.Bidi > 0 {
		sig *= 1 - smugglingWeight
		v.Categories = append(v.Categories, string(Smuggling))
	}
	if w := suffixWeight(suffixOddTokens(vs.Views[0].Text)); w > 0 {
		sig *= 1 - w
		v.Categories = append(v.Categories, string(AdversarialSuffix))
	}
	slices.Sort(v.Categories)
	v.SignatureScore = 1 - sig
	for _, view := range vs.Views {
		if modelReads(view) {
			v.ModelScore = math.Max(v.ModelScore, model.ScanScore(view.Text))
		}
	}
	v.Score = 1 - (1-v.SignatureScore)*(1-v.ModelScore)
	v.Flagged = v.Score >= threshold
	return v
}
