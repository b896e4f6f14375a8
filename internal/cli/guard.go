package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/gateway"
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

// guardCheckFlags are `ward guard check`'s flags.
type guardCheckFlags struct {
	jsonl     bool
	threshold float64
	config    string
	policy    string
}

func (e *env) guardCheckCmd() *cobra.Command {
	var f guardCheckFlags
	cmd := &cobra.Command{
		Use:   "check [--jsonl] [--config ward.yaml [--policy NAME]]",
		Short: "Judge text from standard input: injection score, categories, redacted text",
		Long: `Judge text read from standard input and print one JSON object per input:
{"flagged", "score", "model_score", "signature_score", "categories", "signals", "redacted"}.

  echo 'Ignore all previous instructions…' | ward guard check
  ward guard check --jsonl < prompts.jsonl     # one {"text": …} object per line
  ward guard check --jsonl --config ward.yaml --policy strict < prompts.jsonl

"spans" is added when a signature fired. The redacted text has
credentials (Ward's secret rules) and personal data (emails, phone
numbers, payment cards, IBANs, SSNs, public IPs, national ids) masked.
With --config, the gateway's guard policy (the default one, or --policy
NAME) is applied as the gateway applies it to a user message: its
threshold, its data kinds and actions, its mode; "decision" (block,
redact, flag or allow) and "data" (the kinds it acts on) are added.
Exit 1 when any input is flagged as an injection, or blocked or flagged
under the policy. Each input is at most 1 MiB; with --jsonl, blank lines
are skipped.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("threshold") {
				f.threshold = guard.DefaultThreshold()
			}
			pol, err := e.checkedPolicy(cmd, &f)
			if err != nil {
				return err
			}
			det, err := secrets.New(secrets.Options{})
			if err != nil {
				return runtimeErr(err)
			}
			found, err := e.guardInputs(f, pol, det)
			if err != nil {
				return err
			}
			if found {
				return errFindings
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.jsonl, "jsonl", false, `read one {"text": …} object per line`)
	// The default is the model's operating point, read when the command
	// runs or its help is shown: reading it loads the model, whose 1.2 MB
	// of weights every ward command (the gateway too) otherwise loaded and
	// kept to build this flag.
	fl.Float64Var(&f.threshold, "threshold", 0, "score at or above which a text is flagged (default: the model's operating point, or the policy's)")
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		c.Flags().Lookup("threshold").DefValue = strconv.FormatFloat(guard.DefaultThreshold(), 'g', -1, 64)
		c.Parent().HelpFunc()(c, args)
	})
	fl.StringVar(&f.config, "config", "", "apply the guard policy of this configuration file's gateway: section")
	fl.StringVar(&f.policy, "policy", "", "with --config: the named policy (gateway.guard.policies.NAME) instead of the default")
	return cmd
}

// checkedPolicy validates the flags and loads the policy --config names,
// or returns nil without --config. The policy's threshold applies unless
// --threshold is given.
func (e *env) checkedPolicy(cmd *cobra.Command, f *guardCheckFlags) (*gateway.GuardPolicy, error) {
	if !(f.threshold >= 0 && f.threshold <= 1) {
		return nil, usageErr(fmt.Errorf("--threshold %v: want a score between 0 and 1", f.threshold), "the default is the model's operating point, "+strconv.FormatFloat(guard.DefaultThreshold(), 'f', 4, 64))
	}
	if f.config == "" {
		if f.policy != "" {
			return nil, usageErr(errors.New("--policy needs --config"), "name the configuration file that defines the policy")
		}
		return nil, nil
	}
	cfg, err := config.Load(f.config, false)
	if err != nil {
		return nil, usageErr(err, "")
	}
	c := &cfg.Gateway.Guard
	pol := guardPolicy(&c.GuardPolicy)
	if f.policy != "" {
		p, ok := c.Policies[f.policy]
		if !ok {
			return nil, usageErr(fmt.Errorf("%s: no guard policy %q", f.config, f.policy), "define it under gateway.guard.policies")
		}
		pol = namedGuardPolicy(c, p)
	}
	if cmd.Flags().Changed("threshold") {
		pol.Threshold = f.threshold
	} else {
		f.threshold = pol.Threshold
	}
	return pol, nil
}

// guardInputs judges every input and prints its verdict; it reports
// whether any was flagged, or blocked or flagged under pol.
func (e *env) guardInputs(f guardCheckFlags, pol *gateway.GuardPolicy, det *secrets.Detector) (bool, error) {
	enc := json.NewEncoder(e.stdout)
	found := false
	judge := func(text string) error {
		out := guardResult{Verdict: guard.Check(text, f.threshold), Redacted: redactText(det, text)}
		if pol != nil {
			out.Decision, out.Data = policyDecision(pol, det, text, out.Flagged && !pol.SkipInjection)
		}
		found = found || out.Flagged || out.Decision == decisionBlock || out.Decision == decisionFlag
		return enc.Encode(out)
	}
	if !f.jsonl {
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxGuardInput+1))
		if err != nil {
			return false, runtimeErr(err)
		}
		if len(b) > maxGuardInput {
			return false, usageErr(fmt.Errorf("standard input is larger than %d KiB", maxGuardInput>>10), "split it, or use --jsonl")
		}
		return found, judge(string(b))
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
			return found, usageErr(fmt.Errorf("standard input line %d: %w", n, err), `each line must be a JSON object such as {"text": "…"}`)
		}
		if in.Text == nil {
			return found, usageErr(fmt.Errorf("standard input line %d: no \"text\" string", n), `each line must be a JSON object such as {"text": "…"}`)
		}
		if err := judge(*in.Text); err != nil {
			return found, runtimeErr(err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return found, usageErr(fmt.Errorf("standard input line %d is longer than %d KiB", n+1, maxGuardInput>>10), "split the text over several lines")
		}
		return found, runtimeErr(err)
	}
	return found, nil
}

// utf8BOM is the byte-order mark some editors put at the start of a file.
var utf8BOM = []byte("\ufeff")

type guardResult struct {
	guard.Verdict
	Redacted string   `json:"redacted"`
	Decision string   `json:"decision,omitempty"` // with --config
	Data     []string `json:"data,omitempty"`     // with --config: the kinds the policy acts on
}

// The decisions a policy makes about a text.
const (
	decisionBlock  = "block"
	decisionRedact = "redact"
	decisionFlag   = "flag"
	decisionAllow  = "allow"
)

// policyDecision is what the gateway does with text as a user message
// under pol: block (an injection, or a kind whose action is block, in
// block mode), redact (kinds masked or pseudonymised), flag (what block
// mode would act on, in flag mode) or allow; and the data kinds found
// that the policy acts on.
func policyDecision(pol *gateway.GuardPolicy, det redact.Detector, text string, injection bool) (string, []string) {
	if pol.Mode == gateway.GuardOff || pol.Mode == "" {
		return decisionAllow, nil
	}
	opts := gateway.DataOptions(pol.Data, pol.MinConfidence, det)
	actions := map[redact.Action]bool{}
	kinds := pol.ActedOn(opts.Detect(text), nil, actions)
	slices.Sort(kinds)
	block, rewrite := injection || actions[redact.Block], actions[redact.Mask] || actions[redact.Pseudonymise]
	switch {
	case (block || rewrite) && pol.Mode == gateway.GuardFlag:
		return decisionFlag, kinds
	case block:
		return decisionBlock, kinds
	case rewrite:
		return decisionRedact, kinds
	}
	return decisionAllow, kinds
}

// redactText masks credentials (as "[SECRET:rule-id]") and personal data.
func redactText(det *secrets.Detector, text string) string {
	out, _ := redact.Redact(text, redact.Options{MinConfidence: 0.5, Policy: redact.MaskAll(), Extra: det})
	return out
}
