package main

import "github.com/wardsec/ward/internal/guard/model/calib"

// roleExamples reads the role prompts of path (calib.ReadRoles) that are
// not near-copies of a prompt in holdout (when set) or of a dev line, as
// benign lines.
func roleExamples(path, holdout string, dev []string) ([]Example, error) {
	exclude := dev[:len(dev):len(dev)]
	if holdout != "" {
		_, held, err := calib.ReadRolePrompts(holdout)
		if err != nil {
			return nil, err
		}
		exclude = append(exclude, held...)
	}
	texts, err := calib.ReadRoles(path, exclude)
	if err != nil {
		return nil, err
	}
	out := make([]Example, 0, len(texts))
	for _, t := range texts {
		out = append(out, Example{Text: t, Label: "benign", Kind: "benign-roleplay", Source: calib.RolesSource})
	}
	return out, nil
}
