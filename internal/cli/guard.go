package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/secrets"
)

// maxGuardInput bounds one text `ward guard check` reads.
const maxGuardInput = 1 << 20

func (e *env) guardCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "guard",
		Short: "Check prompts for injection and jailbreaks, and redact secrets and personal data",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(e.guardCheckCmd())
	return cmd
}

func (e *env) guardCheckCmd() *cobra.Command {
	var jsonl bool
	var threshold float64
	cmd := &cobra.Command{
		Use:   "check [--jsonl]",
		Short: "Judge text from standard input: injection score, categories, redacted text",
		Long: `Judge text read from standard input and print one JSON object per input:
{"flagged", "score", "model_score", "signature_score", "categories", "signals", "redacted"}.

  echo 'Ignore all previous instructions…' | ward guard check
  ward guard check --jsonl < prompts.jsonl     # one {"text": …} object per line

"spans" is added when a signature fired. The redacted text has
credentials (Ward's secret rules) and personal data (emails, phone
numbers, payment cards, IBANs, SSNs, public IPs, national ids) masked.
Exit 1 when any input is flagged as an injection. Each input is at most
1 MiB; with --jsonl, blank lines are skipped.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !(threshold >= 0 && threshold <= 1) {
				return usageErr(fmt.Errorf("--threshold %v: want a score between 0 and 1", threshold), "the default is the model's operating point, "+strconv.FormatFloat(guard.DefaultThreshold(), 'f', 4, 64))
			}
			det, err := secrets.New(secrets.Options{})
			if err != nil {
				return runtimeErr(err)
			}
			flagged, err := e.guardInputs(jsonl, threshold, det)
			if err != nil {
				return err
			}
			if flagged {
				return errFindings
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&jsonl, "jsonl", false, `read one {"text": …} object per line`)
	cmd.Flags().Float64Var(&threshold, "threshold", guard.DefaultThreshold(), "score at or above which a text is flagged")
	return cmd
}

// guardInputs judges every input and prints its verdict.
func (e *env) guardInputs(jsonl bool, threshold float64, det *secrets.Detector) (bool, error) {
	enc := json.NewEncoder(e.stdout)
	flagged := false
	judge := func(text string) error {
		out := guardResult{Verdict: guard.Check(text, threshold), Redacted: redactText(det, text)}
		flagged = flagged || out.Flagged
		return enc.Encode(out)
	}
	if !jsonl {
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxGuardInput+1))
		if err != nil {
			return false, runtimeErr(err)
		}
		if len(b) > maxGuardInput {
			return false, usageErr(fmt.Errorf("standard input is larger than %d KiB", maxGuardInput>>10), "split it, or use --jsonl")
		}
		return flagged, judge(string(b))
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 0, 64<<10), maxGuardInput)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue // blank lines, as JSON Lines readers skip them
		}
		var in struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal(line, &in); err != nil {
			return flagged, usageErr(fmt.Errorf("standard input line %d: %w", n, err), `each line must be a JSON object such as {"text": "…"}`)
		}
		if in.Text == nil {
			return flagged, usageErr(fmt.Errorf("standard input line %d: no \"text\" string", n), `each line must be a JSON object such as {"text": "…"}`)
		}
		if err := judge(*in.Text); err != nil {
			return flagged, runtimeErr(err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return flagged, usageErr(fmt.Errorf("standard input line %d is longer than %d KiB", n+1, maxGuardInput>>10), "split the text over several lines")
		}
		return flagged, runtimeErr(err)
	}
	return flagged, nil
}

// utf8BOM is the byte-order mark some editors put at the start of a file.
var utf8BOM = []byte("\ufeff")

type guardResult struct {
	guard.Verdict
	Redacted string `json:"redacted"`
}

// redactText masks credentials (as "[SECRET:rule-id]") and personal data.
func redactText(det *secrets.Detector, text string) string {
	out, _ := redact.Redact(text, redact.Options{MinConfidence: 0.5, Policy: redact.MaskAll(), Extra: det})
	return out
}
