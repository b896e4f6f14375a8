package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/wardsec/ward/internal/guard/model"
	"github.com/wardsec/ward/internal/guard/model/calib"
)

// Example is one labelled line of the data set with its feature vector.
type Example struct {
	Text   string `json:"text"`
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Source string `json:"source"`
	Y      float64
	Idx    []uint32
	Val    []float32
	Bin    int // length bin (model.LengthBin)
}

// vectorize computes e's features and length bin from its text.
func vectorize(e *Example) {
	e.Idx, e.Val = model.Vector(e.Text)
	e.Bin = model.LengthBin(e.Text)
}

// loadJSONL reads a JSON Lines file of examples and computes their features.
func loadJSONL(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open data: %w", err)
	}
	defer f.Close()
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var e Example
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		switch e.Label {
		case "injection":
			e.Y = 1
		case "benign":
		default:
			return nil, fmt.Errorf("%s:%d: unknown label %q", path, line, e.Label)
		}
		vectorize(&e)
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// isCalibration puts about one line in ten (by a hash of its text) in the
// calibration split used for Platt scaling instead of for fitting weights.
// Role prompts (-roles) are all fitted, so that the guard's operating-point
// test rebuilds the split without their file.
func isCalibration(e *Example) bool {
	return e.Source != calib.RolesSource && calib.InSplit(e.Text)
}

// family groups a source into the unit held out together in the
// cross-source evaluation: the attack source of "attack+carrier" lines,
// upstream project families, and one family per clean carrier type.
func family(source string) string {
	s, _, _ := strings.Cut(source, "+")
	switch {
	case strings.HasPrefix(s, "tensor_trust"):
		return "tensor_trust"
	case strings.HasPrefix(s, "garak"):
		return "garak"
	case strings.HasPrefix(s, calib.WildSource):
		return calib.WildSource
	case strings.HasPrefix(s, "jailbreakbench"):
		return "jailbreakbench"
	case strings.HasPrefix(s, "self-instruct"):
		return "self-instruct"
	case s == "gpteacher-codegen" || s == "gpteacher-code-seeds":
		return "gpteacher-code"
	case s == "carrier-bipia-email":
		return "carrier-email"
	}
	return s
}
