package calib

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
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
	// maxWildBytes bounds the file read (the 2023-12-25 release is 3.8 MB).
	maxWildBytes = 64 << 20
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
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("in-the-wild prompts: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, maxWildBytes))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, name := range []string{"prompt", "jailbreak", "date", "platform"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("%s: no %q column in the header", path, name)
		}
	}
	var out []WildPrompt
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if !strings.EqualFold(get("jailbreak"), "true") || get("prompt") == "" {
			continue
		}
		out = append(out, WildPrompt{Text: rec[col["prompt"]], Platform: get("platform"), Date: get("date")})
	}
}

// WildTraining returns the training lines of prompts: each prompt posted
// before WildCutoff, WildCopies times.
func WildTraining(prompts []WildPrompt) []WildPrompt {
	var out []WildPrompt
	for _, p := range prompts {
		if !p.Held() {
			for range WildCopies {
				out = append(out, p)
			}
		}
	}
	return out
}
