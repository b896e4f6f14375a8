package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/policy"
)

func (e *env) policyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Work with Rego policies: custom checks, conftest policies and gates",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(e.policyTestCmd())
	return cmd
}

func (e *env) policyTestCmd() *cobra.Command {
	var run, format string
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test DIR...",
		Short: "Run the Rego unit tests (test_ rules) of policy folders, as 'opa test' does",
		Long: `Run the Rego unit tests (rules named test_*) of the .rego files under each DIR,
as 'opa test' does. Ward's check library (data.ward.lib) is available to them.
Exit 1 when a test fails, 2 when a policy does not compile.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mods, err := policyTestModules(args)
			if err != nil {
				return err
			}
			results, err := policy.Test(e.ctx, mods, run)
			if err != nil {
				return usageErr(err, "")
			}
			if format == "json" {
				if err := writeJSON(e.stdout, results); err != nil {
					return err
				}
			} else {
				printTestResults(e, results, verbose)
			}
			for _, r := range results {
				if !r.Pass && !r.Skip {
					return errFindings
				}
			}
			if len(results) == 0 {
				return usageErr(fmt.Errorf("no test_ rules in %s", strings.Join(args, ", ")), "")
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&run, "run", "r", "", "run only the tests whose name matches this `REGEX`")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test, not only the failures")
	return cmd
}

// policyTestModules reads every .rego file of the folders, tests
// included, plus Ward's check library.
func policyTestModules(dirs []string) ([]policy.Module, error) {
	var mods []policy.Module
	for _, d := range dirs {
		m, err := readRegoAll(d)
		if err != nil {
			return nil, err
		}
		mods = append(mods, m...)
	}
	lib, err := checks.Library()
	if err != nil {
		return nil, runtimeErr(err)
	}
	return append(mods, lib...), nil
}

func printTestResults(e *env, results []policy.TestResult, verbose bool) {
	pass, fail, skip := 0, 0, 0
	for _, r := range results {
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIPPED"
			skip++
		case r.Pass:
			pass++
		default:
			status = "FAIL"
			fail++
		}
		if verbose || status == "FAIL" {
			fmt.Fprintf(e.stdout, "%s: %s (%s)\n", status, r.Name, r.Location)
			if r.Error != "" {
				fmt.Fprintf(e.stdout, "  error: %s\n", r.Error)
			}
			if r.Output != "" && status == "FAIL" {
				fmt.Fprintf(e.stdout, "  output:\n    %s\n", strings.ReplaceAll(strings.TrimSpace(r.Output), "\n", "\n    "))
			}
		}
	}
	fmt.Fprintf(e.stdout, "PASS: %d/%d", pass, len(results))
	if fail > 0 {
		fmt.Fprintf(e.stdout, ", FAIL: %d", fail)
	}
	if skip > 0 {
		fmt.Fprintf(e.stdout, ", SKIPPED: %d", skip)
	}
	fmt.Fprintln(e.stdout)
}
