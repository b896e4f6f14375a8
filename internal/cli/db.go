package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/vulndb"
)

// dbDir resolves the database folder: --db-dir, WARD_DB_DIR, the cache.
func dbDir(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	return vulndb.DefaultDir()
}

// dbFolder applies WARD_* variables to a db command's flags and resolves
// its database folder from the --db-dir variable flag points at.
func (e *env) dbFolder(cmd *cobra.Command, flag *string) (string, error) {
	if err := applyEnv(cmd.Flags(), e.getenv); err != nil {
		return "", err
	}
	d, err := dbDir(*flag) // read after applyEnv: WARD_DB_DIR may have set it
	if err != nil {
		return "", runtimeErr(err)
	}
	return d, nil
}

func (e *env) dbCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "Manage the offline vulnerability database",
		Long: `Ward matches lockfiles against a local copy of the OSV database, so scans
never need the network. 'ward db update' downloads it (a few hundred MB for all
ecosystems); 'ward db import' builds it from all.zip files copied by hand, for
air-gapped runners. The database lives in WARD_DB_DIR, or
$XDG_CACHE_HOME/ward/vulndb by default.`,
	}
	cmd.AddCommand(e.dbUpdateCmd(), e.dbImportCmd(), e.dbStatusCmd())
	return cmd
}

func (e *env) dbUpdateCmd() *cobra.Command {
	var dir, baseURL string
	var ecos []string
	var noProgress bool
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Download the OSV database and build its index",
		Long: `Download <ecosystem>/all.zip from the OSV bucket (or --base-url, a mirror with
the same layout) for each ecosystem and rebuild its index. Unchanged archives
are not downloaded again; an interrupted download resumes; a failed update
leaves the previous database in place.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := e.dbFolder(cmd, &dir)
			if err != nil {
				return err
			}
			if err := checkEcosystems(ecos); err != nil {
				return err
			}
			return e.runDBUpdate(vulndb.UpdateOptions{Dir: d, BaseURL: baseURL, Ecosystems: ecos, Client: &http.Client{Timeout: 30 * time.Minute}}, !noProgress)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dir, "db-dir", "", "database folder (default: the user cache folder)")
	fl.StringVar(&baseURL, "base-url", vulndb.DefaultBaseURL, "where <ecosystem>/all.zip files are served")
	fl.StringSliceVar(&ecos, "ecosystems", nil, "ecosystems to fetch (default: "+strings.Join(vulndb.DefaultEcosystems, ",")+")")
	fl.BoolVar(&noProgress, "no-progress", false, "no progress line on standard error")
	return cmd
}

// checkEcosystems rejects names that are not OSV ecosystems Ward reads.
func checkEcosystems(ecos []string) error {
	for _, eco := range ecos {
		if !slices.Contains(vulndb.DefaultEcosystems, eco) {
			return usageErr(fmt.Errorf("unknown ecosystem %q", eco), "ecosystems are spelled as OSV spells them: "+strings.Join(vulndb.DefaultEcosystems, ", "))
		}
	}
	return nil
}

func (e *env) runDBUpdate(o vulndb.UpdateOptions, progress bool) error {
	if progress && isTerminal(e.stderr) {
		var mu sync.Mutex
		last := time.Time{}
		o.Progress = func(eco string, done, total int64) {
			mu.Lock()
			defer mu.Unlock()
			if time.Since(last) < 200*time.Millisecond {
				return
			}
			last = time.Now()
			if total > 0 {
				fmt.Fprintf(e.stderr, "\r\x1b[Kdownloading %s: %.1f of %.1f MiB", eco, mib(done), mib(total))
			} else {
				fmt.Fprintf(e.stderr, "\r\x1b[Kdownloading %s: %.1f MiB", eco, mib(done))
			}
		}
		defer fmt.Fprint(e.stderr, "\r\x1b[K")
	}
	metas, err := vulndb.Update(e.ctx, o)
	for _, m := range metas {
		fmt.Fprintf(e.stdout, "%-10s %7d advisories  %6d packages\n", m.Ecosystem, m.Records, m.Packages)
	}
	if err != nil {
		return runtimeErr(err)
	}
	fmt.Fprintf(e.stdout, "database ready in %s\n", o.Dir)
	return nil
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

func (e *env) dbImportCmd() *cobra.Command {
	var dir, eco string
	cmd := &cobra.Command{
		Use:   "import FILE.zip --ecosystem NAME",
		Short: "Build the database from an OSV all.zip copied by hand",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := e.dbFolder(cmd, &dir)
			if err != nil {
				return err
			}
			if eco == "" {
				return usageErr(errors.New("--ecosystem is required"), "name the archive's ecosystem as OSV does, e.g. --ecosystem npm")
			}
			if err := checkEcosystems([]string{eco}); err != nil {
				return err
			}
			if _, err := os.Stat(args[0]); err != nil {
				return usageErr(err, "")
			}
			m, err := vulndb.Import(args[0], eco, d)
			if err != nil {
				var ae *vulndb.ArchiveError
				if errors.As(err, &ae) {
					return usageErr(err, "pass the all.zip of one ecosystem from the OSV bucket")
				}
				return runtimeErr(err)
			}
			fmt.Fprintf(e.stdout, "%s: %d advisories for %d packages imported into %s\n", m.Ecosystem, m.Records, m.Packages, d)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "db-dir", "", "database folder (default: the user cache folder)")
	cmd.Flags().StringVar(&eco, "ecosystem", "", "the archive's OSV ecosystem (npm, PyPI, Go, ...)")
	return cmd
}

func (e *env) dbStatusCmd() *cobra.Command {
	var dir, format string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show what the database holds and how old it is",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d, err := e.dbFolder(cmd, &dir)
			if err != nil {
				return err
			}
			metas, errs := vulndb.Status(d)
			if err := e.printStatus(d, format, metas); err != nil {
				return err
			}
			if len(errs) > 0 {
				return &exitError{ExitRuntime, errors.Join(errs...), "run 'ward db update' (or 'ward db import') to rebuild it"}
			}
			if len(metas) == 0 {
				return &exitError{ExitRuntime, fmt.Errorf("%w in %s", vulndb.ErrNoDatabase, d), "run 'ward db update'"}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "db-dir", "", "database folder (default: the user cache folder)")
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table or json")
	return cmd
}

func (e *env) printStatus(dir, format string, metas []vulndb.Meta) error {
	switch format {
	case "json":
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Dir        string        `json:"dir"`
			Ecosystems []vulndb.Meta `json:"ecosystems"`
		}{dir, metas})
	case "table":
	default:
		return usageErr(fmt.Errorf("unknown format %q", format), "use table or json")
	}
	fmt.Fprintf(e.stdout, "database: %s\n", dir)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tADVISORIES\tPACKAGES\tUPDATED\tAGE\tNEWEST ADVISORY")
	for _, m := range metas {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", m.Ecosystem, m.Records, m.Packages,
			m.Checked.Format(time.DateTime), age(time.Since(m.Checked)), dateOrDash(m.Newest))
	}
	return tw.Flush()
}

// dateOrDash renders a date, or "-" for the zero and placeholder dates
// some databases give (Go's records say 0001-01-01).
func dateOrDash(t time.Time) string {
	if t.Year() < 1990 {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// age renders a duration the way people say it: 3h, 2d.
func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
