package main

import (
	"github.com/wardsec/ward/internal/guard/model/calib"
)

// everydayExamples generates n synthetic everyday prompts
// (calib.Everyday), deterministically.
func everydayExamples(n int) []Example {
	var out []Example
	for _, text := range calib.Everyday(n) {
		out = append(out, Example{Text: text, Label: "benign", Kind: "benign-everyday", Source: calib.EverydaySource})
	}
	return out
}

// wildExamples turns in-the-wild jailbreak prompts into training lines.
func wildExamples(prompts []calib.WildPrompt) []Example {
	out := make([]Example, 0, len(prompts))
	for _, p := range prompts {
		out = append(out, Example{Text: p.Text, Label: "injection", Y: 1, Kind: "jailbreak", Source: calib.WildSource + "-" + p.Platform})
	}
	return out
}

// featurize computes the feature vectors of generated examples.
func featurize(ex []Example) []Example {
	for i := range ex {
		vectorize(&ex[i])
	}
	return ex
}
