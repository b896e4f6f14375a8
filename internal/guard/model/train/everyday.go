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

// roleExamples reads the role prompts of path that are not near-copies
// of those in holdout (when set), as benign lines.
func roleExamples(path, holdout string) ([]Example, error) {
	var held []string
	if holdout != "" {
		var err error
		if _, held, err = calib.ReadRolePrompts(holdout); err != nil {
			return nil, err
		}
	}
	texts, err := calib.ReadRoles(path, held)
	if err != nil {
		return nil, err
	}
	out := make([]Example, 0, len(texts))
	for _, t := range texts {
		out = append(out, Example{Text: t, Label: "benign", Kind: "benign-roleplay", Source: calib.RolesSource})
	}
	return out, nil
}
