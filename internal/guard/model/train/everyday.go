package main

import (
	"fmt"
	"math/rand/v2"

	"github.com/wardsec/ward/internal/guard/model"
)

// everydaySource names the synthetic benign prompts in figures.
const everydaySource = "ward-synthetic-everyday"

// Parts of the synthetic everyday prompts: short, ordinary requests of
// the kind real traffic is full of and the data set has too few of
// (its benign lines are mostly long instructions, role-play, code and
// documents), which the model otherwise takes for injections.
var (
	everydayForms = []string{
		"How do I %s?", "What is %s?", "Can you explain %s?", "Explain %s in simple terms.",
		"Give me three tips for %s.", "Write a short paragraph about %s.", "Summarise %s in two sentences.",
		"What are the pros and cons of %s?", "Help me with %s.", "I need advice on %s.",
		"Compare %s with the usual alternative.", "List the steps for %s.", "Is %s a good idea?",
		"Write a short poem about %s.", "Draft a polite email about %s.", "Recommend a book about %s.",
	}
	everydayTopics = []string{
		"changing a flat tyre", "making sourdough bread", "saving for retirement", "learning Spanish",
		"training for a 10k run", "the French Revolution", "photosynthesis", "black holes", "caring for a cat",
		"planting tomatoes", "writing a CV", "negotiating a salary", "setting up a home network",
		"backing up my laptop", "choosing a mortgage", "the rules of chess", "brewing coffee",
		"public speaking", "reading a nutrition label", "the water cycle", "budgeting for a holiday",
		"renewing a passport", "cleaning a cast iron pan", "sorting a list in Python", "reversing a string in Go",
		"unit testing a web handler", "SQL joins", "git rebase", "Docker volumes", "the capital of Canada",
		"the tallest mountain in Europe", "time zones", "compound interest", "climate change", "the Roman Empire",
		"meditation", "a job interview", "a birthday party for a child", "a weekend in Barcelona", "the autumn",
		"the ocean", "a new phone", "my internet connection", "resetting a router", "two-factor authentication",
		"updating my address", "cancelling a subscription", "a leaking tap", "jet lag", "learning the guitar",
	}
)

// everydayExamples generates n benign prompts, deterministically.
func everydayExamples(n int) []Example {
	r := rand.New(rand.NewPCG(7, 11))
	out := make([]Example, 0, n)
	for range n {
		form := everydayForms[r.IntN(len(everydayForms))]
		topic := everydayTopics[r.IntN(len(everydayTopics))]
		out = append(out, Example{Text: fmt.Sprintf(form, topic), Label: "benign", Kind: "benign-everyday", Source: everydaySource})
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
