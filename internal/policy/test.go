package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego unit test (a rule named test_*).
type TestResult struct {
	// Name is the rule's full name: "data.main.test_denies_latest".
	Name string `json:"name"`
	// Location is "file:line" of the rule.
	Location string        `json:"location"`
	Pass     bool          `json:"pass"`
	Skip     bool          `json:"skip,omitempty"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration_ns"`
	// Output is what print() wrote during the test.
	Output string `json:"output,omitempty"`
}

// Test runs the test_ rules of modules the way `opa test` does, with the
// same builtins policies get (no network). run, when not empty, is a
// regular expression selecting tests by name.
func Test(ctx context.Context, modules []Module, run string) ([]TestResult, error) {
	parsed, err := parseModules(modules)
	if err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().WithCapabilities(capabilities()).WithEnablePrintStatements(true)
	r := tester.NewRunner().SetCompiler(compiler).SetModules(parsed).CapturePrintOutput(true).
		SetTimeout(30 * time.Second)
	if run != "" {
		r = r.Filter(run)
	}
	ch, err := r.RunTests(ctx, nil)
	if err != nil {
		var errs ast.Errors
		if errors.As(err, &errs) {
			return nil, wrapErrors(errs)
		}
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []TestResult
	for res := range ch {
		out = append(out, testResult(res))
	}
	slices.SortFunc(out, func(a, b TestResult) int { return strings.Compare(a.Location, b.Location) })
	return out, nil
}

func testResult(res *tester.Result) TestResult {
	t := TestResult{
		Name: res.Package + "." + res.Name, Pass: res.Pass(), Skip: res.Skip,
		Duration: res.Duration, Output: string(res.Output),
	}
	if res.Location != nil {
		t.Location = fmt.Sprintf("%s:%d", res.Location.File, res.Location.Row)
	}
	if res.Error != nil {
		t.Error = res.Error.Error()
	}
	return t
}
