package calib

import (
	"fmt"
	"regexp"
	"strings"
)

// Role prompts people share for setting up an assistant ("I want you to
// act as a Linux terminal…"), from awesome-chatgpt-prompts' prompts.csv,
// are the benign prompts the model most often took for jailbreaks: the
// in-the-wild collection it learns jailbreaks from is full of personas.
const (
	// RolesSource names them in figures.
	RolesSource = "awesome-chatgpt-prompts"
	// maxRoleBytes leaves out the long, many-part prompts: the short
	// ones are the role prompts.
	maxRoleBytes = 1500
	// roleNearCopy is the shingle Jaccard similarity from which a prompt
	// counts as a copy of a held-out one (lower than nearDuplicate: the
	// list's prompts are short and often re-worded from one another).
	roleNearCopy = 0.3
)

// roleExcluded matches prompts that talk about jailbreaks or lifting
// restrictions: the list has a few, and they are not benign.
var roleExcluded = regexp.MustCompile(`(?i)jailbreak|\bdan\b|uncensored|unfiltered|restrict|ignore (all|previous|your)|openai|content polic|no limits|developer mode|filter`)

// ReadRoles returns the role prompts of an awesome-chatgpt-prompts CSV
// (see isRole) that are not near-copies of any text in exclude (the list
// the guard's test measures, and dev).
func ReadRoles(path string, exclude []string) ([]string, error) {
	rows, err := readPromptColumn(path)
	if err != nil {
		return nil, err
	}
	idx := newShingleIndex()
	for _, t := range exclude {
		idx.add(t)
	}
	var out []string
	for _, r := range rows {
		if isRole(r) && idx.maxJaccard(r.prompt) < roleNearCopy {
			out = append(out, r.prompt)
		}
	}
	return out, nil
}

// isRole reports whether a row is a role prompt to train on: text type,
// "act as", at most maxRoleBytes, no jailbreak vocabulary.
func isRole(r roleRow) bool {
	switch {
	case r.typ != "" && r.typ != "TEXT", len(r.prompt) > maxRoleBytes:
		return false
	case !strings.Contains(strings.ToLower(r.prompt), "act as"):
		return false
	}
	return !roleExcluded.MatchString(r.prompt)
}

// ReadRolePrompts returns every non-empty prompt of an
// awesome-chatgpt-prompts CSV, trimmed, with its act (the list's name
// for it).
func ReadRolePrompts(path string) (acts, prompts []string, err error) {
	rows, err := readPromptColumn(path)
	for _, r := range rows {
		acts, prompts = append(acts, r.act), append(prompts, r.prompt)
	}
	return acts, prompts, err
}

type roleRow struct{ act, prompt, typ string }

// readPromptColumn reads the act, prompt and (when present) type columns.
func readPromptColumn(path string) ([]roleRow, error) {
	var out []roleRow
	err := readCSV(path, []string{"act", "prompt"}, func(_, get func(string) string) {
		if get("prompt") != "" {
			out = append(out, roleRow{get("act"), get("prompt"), get("type")})
		}
	})
	if err != nil {
		return nil, fmt.Errorf("role prompts: %w", err)
	}
	return out, nil
}
