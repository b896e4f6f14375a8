package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/iac"
)

func (e *env) checksCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List and explain the misconfiguration checks",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(e.checksListCmd(), e.checksShowCmd(), e.checksInputCmd())
	return cmd
}

func (e *env) checksListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the built-in checks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := checks.Builtin()
			if err != nil {
				return err
			}
			list := cat.Checks()
			switch format {
			case "json":
				return writeJSON(e.stdout, list)
			case "table":
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tKIND\tSEVERITY\tTITLE")
				for _, c := range list {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.ID, c.Kind, c.Severity, c.Title)
				}
				fmt.Fprintf(tw, "\n%d checks\n", len(list))
				return tw.Flush()
			}
			return usageErr(fmt.Errorf("unknown format %q (want table or json)", format), "")
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	return cmd
}

func (e *env) checksShowCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one check: what it looks for, why, and how to fix it",
		Long:  "Show one check by its Ward id or by a related KICS, Checkov or Trivy id.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := checks.Builtin()
			if err != nil {
				return err
			}
			c := cat.Lookup(args[0])
			if c == nil {
				return usageErr(fmt.Errorf("no check %q", args[0]), "list them with 'ward checks list'")
			}
			if format == "json" {
				return writeJSON(e.stdout, c)
			}
			showCheck(e.stdout, c)
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "text or json")
	return cmd
}

func showCheck(w io.Writer, c *checks.Check) {
	fmt.Fprintf(w, "%s  %s\n\n", c.ID, c.Title)
	fmt.Fprintf(w, "Severity:   %s\nKind:       %s\n", c.Severity, c.Kind)
	if len(c.Resources) > 0 {
		fmt.Fprintf(w, "Resources:  %s\n", strings.Join(c.Resources, ", "))
	}
	if len(c.CWE) > 0 {
		fmt.Fprintf(w, "CWE:        %s\n", strings.Join(c.CWE, ", "))
	}
	for _, r := range []struct {
		name string
		ids  []string
	}{
		{"KICS", c.Related.KICS}, {"Checkov", c.Related.Checkov}, {"Trivy", c.Related.Trivy},
	} {
		if len(r.ids) > 0 {
			fmt.Fprintf(w, "%-11s %s\n", r.name+":", strings.Join(r.ids, ", "))
		}
	}
	fmt.Fprintf(w, "\n%s\n\nRemediation: %s\n", c.Description, c.Remediation)
	for _, ref := range c.References {
		fmt.Fprintf(w, "  %s\n", ref)
	}
}

func (e *env) checksInputCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "input FILE",
		Short: "Print the input document checks see for a file",
		Long: "Print the input document checks see for a file: its resources with their config and lines.\n" +
			"A Terraform file is loaded with the rest of its folder (the module).",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			doc, err := loadDocument(args[0])
			if err != nil {
				return err
			}
			in := checks.Input(doc)
			for i, r := range doc.Resources {
				in["resources"].([]any)[i].(map[string]any)["lines"] = r.Lines
			}
			return writeJSON(e.stdout, in)
		},
	}
}

// loadDocument parses one file the way the misconfig scanner does.
func loadDocument(p string) (iac.Document, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return iac.Document{}, usageErr(err, "")
	}
	kind := iac.Detect(filepath.ToSlash(p), data)
	switch kind {
	case "":
		return iac.Document{}, usageErr(fmt.Errorf("%s: not a format Ward checks (Terraform, Kubernetes, Dockerfile, compose, GitHub Actions)", p), "")
	case iac.Terraform:
		dir, base := filepath.Split(p)
		if dir == "" {
			dir = "."
		}
		rs, errs := iac.LoadTerraform(os.DirFS(dir), ".", iac.TerraformOptions{})
		if len(errs) > 0 {
			return iac.Document{}, errs[0]
		}
		return iac.Document{Kind: kind, Path: base, Resources: rs}, nil
	}
	rs, err := iac.ParseFile(kind, filepath.ToSlash(p), data)
	return iac.Document{Kind: kind, Path: filepath.ToSlash(p), Resources: rs}, err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
