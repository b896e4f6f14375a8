package calib

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// In-the-wild jailbreak prompts: the 1,405 prompts that Shen et al.
// collected from Reddit, Discord and prompt-sharing websites between
// December 2022 and December 2023 ("Do Anything Now", ACM CCS 2024;
// github.com/verazuo/jailbreak_llms, data/prompts/jailbreak_prompts_2023_12_25.csv).
// The file is not in the repository or in ../shared: whoever retrains
// downloads it and passes its path. It is split by the date each prompt
// was posted, so that the held-out part measures jailbreaks written after
// everything the model learnt from.
// WildCutoff splits the prompts: those posted before it are training
// lines, those posted on or after it are held out for evaluation. The
// trainer's -wild-cutoff changes it for a run (to validate choices on
// earlier months); the shipped model uses this value.
var WildCutoff = "2023-06-01"

const (
	// WildCopies is how many times each training prompt is added: chosen
	// on a validation split (train before April 2023, validate on April
	// and May) among 1, 2 and 3 copies.
	WildCopies = 2
	// WildSource prefixes the source of the training lines it makes.
	WildSource = "jailbreak_llms"
)

// WildPrompt is one prompt of the in-the-wild file.
type WildPrompt struct {
	Text     string
	Platform string // reddit, discord, website, open_source
	Date     string // YYYY-MM-DD the prompt was posted; may be empty
}

// Held reports whether p is held out for evaluation (posted on or after
// WildCutoff, or undated).
func (p WildPrompt) Held() bool { return p.Date == "" || p.Date >= WildCutoff }

// ReadWild reads the jailbreak prompts (rows whose jailbreak column is
// True) of a jailbreak_llms CSV file. Columns are found by their header
// names: prompt, jailbreak, date and platform.
func ReadWild(path string) ([]WildPrompt, error) {
	var out []WildPrompt
	err := readCSV(path, []string{"prompt", "jailbreak", "date", "platform"}, func(field, get func(string) string) {
		if strings.EqualFold(get("jailbreak"), "true") && get("prompt") != "" {
			out = append(out, WildPrompt{Text: field("prompt"), Platform: get("platform"), Date: get("date")})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("in-the-wild prompts: %w", err)
	}
	return out, nil
}

// WildTraining returns the training lines of prompts: each prompt posted
// before WildCutoff, WildCopies times, except near-duplicates of a text
// in exclude (the dev lines) or of a held-out prompt, so that neither
// evaluation measures copies of what was trained on. The collection has
// many reposted and lightly edited prompts: 69 of dev's 164 jailbreaks
// were near-copies of one of its training prompts before this filter.
// Prompts the audit reads as no jailbreak (a role or task prompt posted
// in a jailbreak community; see Audit) are left out too: trained as
// jailbreaks, they teach the model that every role prompt is one.
func WildTraining(prompts []WildPrompt, exclude []string) []WildPrompt {
	var out []WildPrompt
	for _, p := range wildTrainingFrom(prompts, exclude) {
		if Audit(p.Text) == NotJailbreak {
			continue
		}
		for range WildCopies {
			out = append(out, p)
		}
	}
	return out
}

// nearDuplicate is the word-shingle Jaccard similarity at or above which a
// training prompt counts as a copy of an evaluation text (8-word
// shingles; a text of fewer words is one shingle).
const (
	nearDuplicate = 0.5
	shingleWords  = 8
)

// wildTrainingFrom returns the prompts posted before WildCutoff that are
// not near-duplicates of any text in exclude or of any held-out prompt.
func wildTrainingFrom(prompts []WildPrompt, exclude []string) []WildPrompt {
	idx := newShingleIndex()
	for _, t := range exclude {
		idx.add(t)
	}
	for _, p := range prompts {
		if p.Held() {
			idx.add(p.Text)
		}
	}
	var out []WildPrompt
	for _, p := range prompts {
		if !p.Held() && idx.maxJaccard(p.Text) < nearDuplicate {
			out = append(out, p)
		}
	}
	return out
}

// shingleIndex finds, for a text, the indexed text sharing the largest
// share of word shingles with it.
type shingleIndex struct {
	sizes []int              // shingle count of each indexed text
	posts map[uint64][]int32 // shingle -> indexed texts holding it
}

func newShingleIndex() *shingleIndex { return &shingleIndex{posts: map[uint64][]int32{}} }

func (x *shingleIndex) add(text string) {
	sh := shingles(text)
	id := int32(len(x.sizes))
	x.sizes = append(x.sizes, len(sh))
	for h := range sh {
		x.posts[h] = append(x.posts[h], id)
	}
}

func (x *shingleIndex) maxJaccard(text string) float64 {
	sh := shingles(text)
	common := map[int32]int{}
	for h := range sh {
		for _, id := range x.posts[h] {
			common[id]++
		}
	}
	best := 0.0
	for id, c := range common {
		best = max(best, float64(c)/float64(len(sh)+x.sizes[id]-c))
	}
	return best
}

// shingles returns the set of hashed 8-word shingles of text's lower-case
// ASCII letter-and-digit words.
func shingles(text string) map[uint64]bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	out := map[uint64]bool{}
	n := max(1, len(words)-shingleWords+1)
	for i := range n {
		h := fnv.New64a()
		for _, w := range words[i:min(len(words), i+shingleWords)] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		out[h.Sum64()] = true
	}
	return out
}
