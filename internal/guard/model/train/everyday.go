package main

import (
	"github.com/wardsec/ward/internal/guard/model"
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

// featurize computes the feature vectors of generated examples.
func featurize(ex []Example) []Example {
	for i := range ex {
		ex[i].Idx, ex[i].Val = model.Vector(ex[i].Text)
	}
	return ex
}
