package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/store"
)

// keyRefresh is how often each gateway replica reads the keys that
// changed: a revocation takes effect everywhere within about that long
// (plus one store query), inside the promised second.
const keyRefresh = 500 * time.Millisecond

// keysFlags are the flags every `ward keys` command shares.
type keysFlags struct {
	store    string
	adminURL string
	format   string
}

func (e *env) keysCmd() *cobra.Command {
	var kf keysFlags
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Issue, list, show, revoke and rotate the gateway's Ward keys",
		Long: `Manage Ward keys: the gateway's API keys, shown once when issued and stored only
as a hash. The commands work on the store directly (the same default store as
'ward gateway'), or on a running gateway's admin API with --admin-url (the token
comes from WARD_ADMIN_TOKEN).`,
		Args: cobra.NoArgs,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&kf.store, "store", "", "the gateway's store: a SQLite path or postgres:// URL (default: $XDG_DATA_HOME/ward/ward.db)")
	pf.StringVar(&kf.adminURL, "admin-url", "", "a running gateway's admin API (token from WARD_ADMIN_TOKEN) instead of the store")
	pf.StringVarP(&kf.format, "format", "f", "table", "table or json")
	cmd.AddCommand(e.keysIssueCmd(&kf), e.keysListCmd(&kf), e.keysShowCmd(&kf), e.keysRevokeCmd(&kf), e.keysRotateCmd(&kf))
	return cmd
}

// keyAdmin is what `ward keys` does, on a store or through the admin API.
type keyAdmin interface {
	Issue(ctx context.Context, name string, ttl time.Duration, k *authn.Key) (string, *authn.Key, error)
	List(ctx context.Context) ([]authn.Key, error)
	Show(ctx context.Context, id string) (*authn.Key, error)
	Revoke(ctx context.Context, id string) error
	Rotate(ctx context.Context, id string, ttl time.Duration) (string, *authn.Key, error)
	Close() error
}

// check refuses an output format `ward keys` cannot write.
func (kf *keysFlags) check() error {
	switch kf.format {
	case "table", "json":
		return nil
	}
	return usageErr(fmt.Errorf("--format %q: want table or json", kf.format), "")
}

// admin opens the store or the admin API client.
func (e *env) admin(ctx context.Context, kf *keysFlags) (keyAdmin, error) {
	if err := kf.check(); err != nil {
		return nil, err
	}
	if kf.adminURL != "" {
		token := e.getenv("WARD_ADMIN_TOKEN")
		if token == "" {
			return nil, usageErr(errors.New("--admin-url needs the admin token in WARD_ADMIN_TOKEN"), "")
		}
		return newAdminClient(kf.adminURL, token)
	}
	st, err := openStore(ctx, kf.store)
	if err != nil {
		return nil, err
	}
	return &storeAdmin{st: st}, nil
}

// withAdmin runs fn on the store or admin API the flags name, and closes
// it.
func (e *env) withAdmin(kf *keysFlags, fn func(keyAdmin) error) error {
	a, err := e.admin(e.ctx, kf)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

// openStore opens the store the --store flag names, or the default one.
// A URL store.Open cannot take is a usage error; failing to open a store
// it can take is a runtime error.
func openStore(ctx context.Context, u string) (store.Store, error) {
	if err := checkStoreURL(u); err != nil {
		return nil, usageErr(fmt.Errorf("--store %q: %w", u, err), "")
	}
	if u == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, runtimeErr(err)
		}
		u = p
	}
	st, err := store.Open(ctx, u)
	if err != nil {
		return nil, runtimeErr(err)
	}
	return st, nil
}

// checkStoreURL refuses what store.Open refuses before connecting: a
// scheme other than sqlite://, postgres:// and postgresql://, or
// sqlite:// without a path. A plain path is a SQLite file; "" is the
// default store.
func checkStoreURL(u string) error {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return nil
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return nil
	case "sqlite":
		if rest == "" {
			return errors.New("sqlite:// needs a path")
		}
		return nil
	}
	return fmt.Errorf("unsupported scheme %q (want a SQLite path, sqlite://PATH or postgres://…)", scheme)
}

// ttlFlag is a key's lifetime on the command line: a Go duration (24h,
// 90m) or whole days (30d) read as the configuration reads them.
type ttlFlag time.Duration

func (t *ttlFlag) Set(s string) error {
	d, err := parseTTL(s)
	if err != nil {
		return err
	}
	*t = ttlFlag(d)
	return nil
}

func (t *ttlFlag) String() string {
	d := time.Duration(*t)
	if d == 0 {
		return "" // unset: the command's own default
	}
	if d > 0 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

func (t *ttlFlag) Type() string { return "duration" }

// parseTTL reads a key's lifetime: days (30d) through the configuration's
// day parser, anything else as a Go duration.
func parseTTL(s string) (time.Duration, error) {
	var d time.Duration
	var err error
	if strings.HasSuffix(strings.TrimSpace(s), "d") {
		d, err = config.ParseRetention(s)
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 {
		return 0, errors.New("want a positive duration such as 24h or 90m, or whole days such as 30d")
	}
	return d, nil
}

type issueFlags struct {
	ttl          time.Duration
	owner, team  string
	models       []string
	routes       []string
	rpm, tpm     int
	concurrency  int
	budget       float64
	budgetPeriod string
	maxTokens    int
	maxBody      string
	guard        string
}

func (e *env) keysIssueCmd(kf *keysFlags) *cobra.Command {
	var f issueFlags
	var name string
	cmd := &cobra.Command{
		Use:   "issue --name NAME",
		Short: "Issue a key and print it once",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if name == "" {
				return usageErr(errors.New("--name is required"), "ward keys issue --name ci-bot --ttl 24h --models gpt-4o-mini --rpm 60")
			}
			k, err := f.key()
			if err != nil {
				return err
			}
			return e.withAdmin(kf, func(a keyAdmin) error {
				secret, stored, err := a.Issue(e.ctx, name, f.ttl, k)
				if err != nil {
					return adminErr(err)
				}
				return e.printIssued(secret, stored, kf.format)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "what the key is for (required)")
	f.register(cmd)
	return cmd
}

func (f *issueFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	f.ttl = authn.DefaultTTL
	fl.Var((*ttlFlag)(&f.ttl), "ttl", "how long the key works: 24h, 90m, or days such as 30d")
	fl.StringVar(&f.owner, "owner", "", "who is responsible for the key")
	fl.StringVar(&f.team, "team", "", "the team whose shared limits also apply")
	fl.StringSliceVar(&f.models, "models", nil, "models the key may use (globs; default: all)")
	fl.StringSliceVar(&f.routes, "routes", nil, "API routes the key may use (default: all)")
	fl.IntVar(&f.rpm, "rpm", 0, "requests per minute (0: unlimited)")
	fl.IntVar(&f.tpm, "tpm", 0, "tokens per minute (0: unlimited)")
	fl.IntVar(&f.concurrency, "concurrency", 0, "concurrent requests (0: unlimited)")
	fl.Float64Var(&f.budget, "budget-usd", 0, "budget in USD per --budget-period (0: none)")
	fl.StringVar(&f.budgetPeriod, "budget-period", authn.PeriodMonth, "day, month or total")
	fl.IntVar(&f.maxTokens, "max-tokens", 0, "largest max_tokens a request may ask for (0: any)")
	fl.StringVar(&f.maxBody, "max-body", "", "largest request body, e.g. 1MiB (default: the gateway's)")
	fl.StringVar(&f.guard, "guard", "", "the gateway's guard policy for this key (a name under gateway.guard.policies, or off)")
}

// key builds the limits of a key from the flags.
func (f *issueFlags) key() (*authn.Key, error) {
	if f.ttl <= 0 {
		return nil, usageErr(errors.New("--ttl must be positive"), "")
	}
	k := &authn.Key{Owner: f.owner, Team: f.team, Limits: authn.Limits{
		Models: f.models, Routes: f.routes, RPM: f.rpm, TPM: f.tpm, Concurrency: f.concurrency,
		BudgetUSD: f.budget, BudgetPeriod: f.budgetPeriod, MaxTokens: f.maxTokens, Guard: f.guard,
	}}
	if f.maxBody != "" {
		n, err := parseSizeFlag("--max-body", f.maxBody)
		if err != nil {
			return nil, err
		}
		k.MaxBodyBytes = n
	}
	if err := k.Limits.Validate(); err != nil {
		return nil, usageErr(err, "see 'ward keys issue --help'")
	}
	return k, nil
}

// printIssued shows a new key once: the key alone on stdout (so that
// `KEY=$(ward keys issue …)` works), what it is on stderr.
func (e *env) printIssued(secret string, k *authn.Key, format string) error {
	if format == "json" {
		return writeJSON(e.stdout, gateway.IssuedKey{Key: secret, Record: k})
	}
	fmt.Fprintln(e.stdout, secret)
	fmt.Fprintf(e.stderr, "Issued %s (%s), expires %s. This is the only time the key is shown.\n",
		k.ID, k.Name, k.ExpiresAt.Format(time.RFC3339))
	return nil
}

func (e *env) keysListCmd(kf *keysFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List keys (never the keys themselves)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withAdmin(kf, func(a keyAdmin) error {
				keys, err := a.List(e.ctx)
				if err != nil {
					return adminErr(err)
				}
				if kf.format == "json" {
					return writeJSON(e.stdout, keys)
				}
				printKeys(e.stdout, keys, time.Now())
				return nil
			})
		},
	}
}

func printKeys(w io.Writer, keys []authn.Key, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTEAM\tSTATE\tEXPIRES\tLIMITS")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Team, keyState(&k, now),
			k.ExpiresAt.Format("2006-01-02 15:04"), limitsText(k.Limits))
	}
	tw.Flush()
}

func keyState(k *authn.Key, now time.Time) string {
	switch {
	case k.RevokedAt != nil:
		return "revoked"
	case !now.Before(k.ExpiresAt):
		return "expired"
	}
	return "active"
}

func limitsText(l authn.Limits) string {
	var parts []string
	if len(l.Models) > 0 {
		parts = append(parts, "models="+strings.Join(l.Models, ","))
	}
	for _, x := range []struct {
		name string
		v    int
	}{{"rpm", l.RPM}, {"tpm", l.TPM}, {"concurrency", l.Concurrency}, {"max_tokens", l.MaxTokens}} {
		if x.v > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", x.name, x.v))
		}
	}
	if l.BudgetUSD > 0 {
		parts = append(parts, "budget=$"+usd(l.BudgetUSD)+"/"+l.BudgetPeriod)
	}
	if l.Guard != "" {
		parts = append(parts, "guard="+l.Guard)
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

// usd writes an amount in dollars with cents, and with as many more
// digits as it has: 5.00, 2.50, 0.002.
func usd(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	dot := strings.IndexByte(s, '.')
	switch {
	case dot < 0:
		return s + ".00"
	case len(s)-dot == 2:
		return s + "0"
	}
	return s
}

func (e *env) keysShowCmd(kf *keysFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show one key's settings",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withAdmin(kf, func(a keyAdmin) error {
				k, err := a.Show(e.ctx, args[0])
				if err != nil {
					return keyErr(err, args[0])
				}
				if kf.format == "json" {
					return writeJSON(e.stdout, k)
				}
				printKeys(e.stdout, []authn.Key{*k}, time.Now())
				return nil
			})
		},
	}
}

func keyErr(err error, id string) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return usageErr(fmt.Errorf("no key %s", id), "list them with 'ward keys list'")
	case errors.Is(err, store.ErrNotRotatable):
		return usageErr(err, "a key is rotated once, while it is active: rotate its successor, or issue a new key with 'ward keys issue'")
	}
	return adminErr(err)
}

// adminErr is a runtime error of the store or the admin API, with a hint
// when --admin-url reaches no admin API.
func adminErr(err error) error {
	if errors.Is(err, errNoAdminAPI) {
		return &exitError{ExitRuntime, err, "a gateway serves its admin API only when the variable gateway.admin_token_env names " +
			"(WARD_ADMIN_TOKEN) holds a token, and on gateway.admin_listen's address when that is set"}
	}
	return runtimeErr(err)
}

func (e *env) keysRevokeCmd(kf *keysFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key (every gateway replica refuses it within half a second or so)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withAdmin(kf, func(a keyAdmin) error {
				if err := a.Revoke(e.ctx, args[0]); err != nil {
					return keyErr(err, args[0])
				}
				fmt.Fprintf(e.stderr, "Revoked %s.\n", args[0])
				return nil
			})
		},
	}
}

func (e *env) keysRotateCmd(kf *keysFlags) *cobra.Command {
	var ttl time.Duration // 0: the old key's lifetime
	cmd := &cobra.Command{
		Use:   "rotate ID",
		Short: "Issue a new key with the same settings, budget and rate limits, and revoke the old one",
		Long: `Issue a new key with the old one's settings and revoke the old one. The new key
shares the old one's rate limits and budget spend (rotating never refills a
budget). A revoked or expired key cannot be rotated, and a key is rotated once:
rotate its successor next time.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withAdmin(kf, func(a keyAdmin) error {
				secret, k, err := a.Rotate(e.ctx, args[0], ttl)
				if err != nil {
					return keyErr(err, args[0])
				}
				return e.printIssued(secret, k, kf.format)
			})
		},
	}
	cmd.Flags().Var((*ttlFlag)(&ttl), "ttl", "how long the new key works: 24h, 90m, or days such as 30d (default: as long as the old key was issued for)")
	return cmd
}

// storeAdmin manages keys in the store directly.
type storeAdmin struct{ st store.Store }

func (s *storeAdmin) Close() error { return s.st.Close() }

// Issue creates a key named name with k's owner, team and limits.
func (s *storeAdmin) Issue(ctx context.Context, name string, ttl time.Duration, k *authn.Key) (string, *authn.Key, error) {
	return gateway.IssueKey(ctx, s.st, name, ttl, k)
}

func (s *storeAdmin) List(ctx context.Context) ([]authn.Key, error) { return s.st.ListKeys(ctx) }

func (s *storeAdmin) Show(ctx context.Context, id string) (*authn.Key, error) {
	return s.st.KeyByID(ctx, id)
}

func (s *storeAdmin) Revoke(ctx context.Context, id string) error {
	return s.st.RevokeKey(ctx, id, time.Now())
}

func (s *storeAdmin) Rotate(ctx context.Context, id string, ttl time.Duration) (string, *authn.Key, error) {
	return gateway.RotateKey(ctx, s.st, id, ttl)
}

// parseSizeFlag reads a size flag such as 1MiB.
func parseSizeFlag(flag, v string) (int64, error) {
	n, err := config.ParseSize(v)
	if err != nil {
		return 0, usageErr(fmt.Errorf("%s: %w", flag, err), "")
	}
	return n, nil
}
