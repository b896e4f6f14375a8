// Package cli is Ward's command line: the cobra tree, flags, exit codes and
// human output. It is the one place that wires engines, sources and report
// writers together; no engine imports it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Exit codes, decided here and nowhere else.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
	ExitRuntime  = 3
)

// Set at build time with -ldflags "-X github.com/wardsec/ward/internal/cli.version=v1.2.3 ...".
var (
	version = ""
	commit  = ""
)

// exitError carries an exit code and an optional hint out of a command.
type exitError struct {
	code int
	err  error
	hint string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(err error, hint string) error { return &exitError{ExitUsage, err, hint} }

func runtimeErr(err error) error { return &exitError{ExitRuntime, err, ""} }

// errFindings ends a scan that found something at or above --fail-on; the
// report has already said what.
var errFindings = errors.New("findings at or above --fail-on")

// env gives commands their streams and environment.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// Run executes Ward with args (without the program name) and returns the
// exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	root := e.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return e.exitCode(err)
}

func (e *env) exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errFindings) {
		return ExitFindings
	}
	code, hint := ExitUsage, ""
	var xe *exitError
	if errors.As(err, &xe) {
		code, hint = xe.code, xe.hint
	}
	fmt.Fprintf(e.stderr, "ward: error: %v\n", err)
	if hint != "" {
		fmt.Fprintf(e.stderr, "ward: hint: %s\n", hint)
	}
	return code
}

func (e *env) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "ward",
		Short: "Ward turns a DevSecOps playbook into running controls",
		Long: `Ward turns a DevSecOps playbook into running controls:

  ward scan      leaked secrets, vulnerable dependencies, misconfigured IaC,
                 containers and CI, and a policy gate; table, JSON, SARIF,
                 CycloneDX and SPDX output
  ward gateway   a security gateway in front of OpenAI-compatible and
                 Anthropic APIs: keys, limits, budgets, the prompt guard
  ward guard     the gateway's prompt and data checks on the command line
  ward keys      issue, list, rotate and revoke gateway keys

For ward scan, settings come from flags, then WARD_* environment variables
(WARD_FORMAT, WARD_FAIL_ON, ...: the flag name in upper case with _ for -),
then .ward.yaml in the scanned directory, then built-in defaults. The
gateway reads ward.yaml (--config) and its flags.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or
configuration error, 3 runtime error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr(err, "see '"+c.CommandPath()+" --help'")
	})
	root.AddCommand(e.scanCmd(), e.dbCmd(), e.versionCmd(), e.rulesCmd(), e.checksCmd(), e.policyCmd(), e.gatewayCmd(), e.keysCmd(), e.eventsCmd(), e.guardCmd())
	for _, c := range root.Commands() {
		refuseUnknownSubcommands(c)
	}
	return root
}

// refuseUnknownSubcommands makes c and every command under it that only
// groups others (ward keys, ward db, ...) refuse an unknown subcommand as
// a usage error; cobra would print the help and exit 0. Without
// arguments such a command still prints its help.
func refuseUnknownSubcommands(c *cobra.Command) {
	for _, sub := range c.Commands() {
		refuseUnknownSubcommands(sub)
	}
	if c.Runnable() || !c.HasSubCommands() {
		return
	}
	c.Args = unknownSubcommand
	c.SuggestionsMinimumDistance = 2
	c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
}

// unknownSubcommand is the Args check of a command that only groups
// others: any argument is a subcommand it does not have.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := "see '" + cmd.CommandPath() + " --help'"
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		hint = "did you mean '" + cmd.CommandPath() + " " + s[0] + "'?"
	}
	return usageErr(fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath()), hint)
}

func (e *env) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, c := buildInfo()
			fmt.Fprintf(e.stdout, "ward %s\ncommit: %s\ngo: %s %s/%s\n", v, c, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

// buildInfo returns the version and commit, from -ldflags or the module's
// build information.
func buildInfo() (string, string) {
	v, c := version, commit
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && c == "" {
				c = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if c == "" {
		c = "unknown"
	}
	return v, c
}
