package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/secrets"
)

func (e *env) rulesCmd() *cobra.Command {
	var format, cfg string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the secret detection rules",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			det, err := secrets.New(secrets.Options{ConfigPath: cfg})
			if err != nil {
				return usageErr(err, "")
			}
			type row struct {
				ID          string   `json:"id"`
				Description string   `json:"description"`
				Severity    string   `json:"severity"`
				Keywords    []string `json:"keywords"`
				Tags        []string `json:"tags,omitempty"`
			}
			var rows []row
			for _, r := range det.Rules() {
				rows = append(rows, row{r.ID, r.Description, r.Severity.String(), r.Keywords, r.Tags})
			}
			switch format {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			case "table":
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tDESCRIPTION")
				for _, r := range rows {
					fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity, r.Description)
				}
				fmt.Fprintf(tw, "\n%d rules\n", len(rows))
				return tw.Flush()
			}
			return usageErr(fmt.Errorf("unknown format %q (want table or json)", format), "")
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	cmd.Flags().StringVar(&cfg, "secrets-config", "", "rules in gitleaks' TOML format instead of the built-in ones")
	return cmd
}
