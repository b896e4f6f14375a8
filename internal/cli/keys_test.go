package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/store"
)

func TestUnknownSubcommand(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args       []string
		code       int
		want, hint string
	}{
		{[]string{"keys", "bogus"}, ExitUsage, `unknown command "bogus" for "ward keys"`, "see 'ward keys --help'"},
		{[]string{"keys", "lst"}, ExitUsage, `unknown command "lst"`, "did you mean 'ward keys list'?"},
		{[]string{"events", "bogus"}, ExitUsage, `unknown command "bogus" for "ward events"`, ""},
		{[]string{"db", "bogus"}, ExitUsage, `unknown command "bogus" for "ward db"`, ""},
		{[]string{"bogus"}, ExitUsage, `unknown command "bogus" for "ward"`, ""},
		{[]string{"keys"}, ExitOK, "", ""},
	} {
		r := run(t, "", "", nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, tt.hint) {
			t.Errorf("%v: exit %d %q, want %d with %q and %q", tt.args, r.code, r.stderr, tt.code, tt.want, tt.hint)
		}
		if tt.code == ExitOK && !strings.Contains(r.stdout, "Available Commands") {
			t.Errorf("%v: no help on stdout: %q", tt.args, r.stdout)
		}
	}
}

func TestKeysUsageErrors(t *testing.T) {
	t.Parallel()
	st := filepath.Join(t.TempDir(), "ward.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"keys", "list", "-f", "yaml", "--store", st}, `--format "yaml": want table or json`},
		{[]string{"keys", "issue", "--name", "x", "--format", "sarif", "--store", st}, "want table or json"},
		{[]string{"keys", "list", "--store", "mysql://foo"}, `--store "mysql://foo": unsupported scheme "mysql"`},
		{[]string{"keys", "list", "--store", "sqlite://"}, "sqlite:// needs a path"},
		{[]string{"events", "prune", "--store", "mysql://foo"}, `unsupported scheme "mysql"`},
		{[]string{"keys", "issue", "--name", "x", "--ttl", "30x", "--store", st}, `"30x" for "--ttl"`},
		{[]string{"keys", "issue", "--name", "x", "--ttl", "0d", "--store", st}, "--ttl"},
		{[]string{"keys", "issue", "--name", "x", "--ttl", "1.5d", "--store", st}, "whole days"},
		{[]string{"keys", "rotate", "wk_x", "--ttl", "-1h", "--store", st}, "positive"},
	} {
		r := run(t, "", "", nil, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d %q, want 2 with %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	if _, err := os.Stat(st); err == nil {
		t.Error("a refused command created the store")
	}
}

// TestKeysTTLDaysAndSmallBudget issues a key for 30d with a budget under
// a cent, and reads both back.
func TestKeysTTLDaysAndSmallBudget(t *testing.T) {
	t.Parallel()
	st := filepath.Join(t.TempDir(), "ward.db")
	r := run(t, "", "", nil, "keys", "issue", "--name", "tiny", "--ttl", "30d", "--budget-usd", "0.002", "-f", "json", "--store", st)
	var issued struct {
		Record struct {
			ID        string    `json:"id"`
			ExpiresAt time.Time `json:"expires_at"`
		} `json:"record"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &issued); r.code != ExitOK || err != nil {
		t.Fatalf("issue --ttl 30d: exit %d %v %q", r.code, err, r.stderr)
	}
	if got, want := time.Until(issued.Record.ExpiresAt), 30*24*time.Hour; got > want || got < want-time.Hour {
		t.Errorf("--ttl 30d: the key expires in %v, want %v", got, want)
	}
	r = run(t, "", "", nil, "keys", "list", "--store", st)
	if r.code != ExitOK || !strings.Contains(r.stdout, "budget=$0.002/month") {
		t.Errorf("list: exit %d, want budget=$0.002/month in\n%s", r.code, r.stdout)
	}
	r = run(t, "", "", nil, "keys", "rotate", issued.Record.ID, "--ttl", "2d", "--store", st)
	if r.code != ExitOK || !strings.Contains(r.stderr, time.Now().Add(48*time.Hour).UTC().Format("2006-01-02")) &&
		!strings.Contains(r.stderr, time.Now().Add(48*time.Hour).Format("2006-01-02")) {
		t.Errorf("rotate --ttl 2d: exit %d %q", r.code, r.stderr)
	}
}

func TestParseTTL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{
		"30d": 30 * 24 * time.Hour, "1d": 24 * time.Hour, "24h": 24 * time.Hour, "90m": 90 * time.Minute,
		"30x": 0, "0d": 0, "0": 0, "-1h": 0, "d": 0, "1.5d": 0, "forever": 0, "": 0,
	} {
		got, err := parseTTL(in)
		if got != want || (err == nil) != (want > 0) {
			t.Errorf("parseTTL(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	d := ttlFlag(30 * 24 * time.Hour)
	if got := d.String(); got != "30d" {
		t.Errorf("30 days as a flag: %q", got)
	}
}

func TestUSD(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{5: "5.00", 2.5: "2.50", 0.002: "0.002", 0.0015: "0.0015", 1234.56: "1234.56", 0.1: "0.10"} {
		if got := usd(in); got != want {
			t.Errorf("usd(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestAdminURLWithoutAdminAPI tells "no such key" from "no admin API at
// that URL": a gateway whose admin API is off answers its own 404s.
func TestAdminURLWithoutAdminAPI(t *testing.T) {
	t.Parallel()
	token := "test-" + "admin-" + "token"
	vars := map[string]string{"WARD_ADMIN_TOKEN": token}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ward.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	adminOn := httptest.NewServer(gateway.AdminHandler(st, token))
	defer adminOn.Close()
	adminOff := httptest.NewServer(gateway.New(gateway.Options{}).Handler()) // the API address, no /admin/
	defer adminOff.Close()
	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<html>hello</html>")
	}))
	defer html.Close()

	for _, tt := range []struct {
		url  string
		args []string
		code int
		want string
	}{
		{adminOn.URL, []string{"keys", "list"}, ExitOK, ""},
		{adminOn.URL, []string{"keys", "show", "wk_nope"}, ExitUsage, "no key wk_nope"},
		{adminOn.URL, []string{"keys", "revoke", "wk_nope"}, ExitUsage, "no key wk_nope"},
		{adminOff.URL, []string{"keys", "list"}, ExitRuntime, "no Ward admin API there"},
		{adminOff.URL, []string{"keys", "issue", "--name", "x"}, ExitRuntime, "no Ward admin API there"},
		{adminOff.URL, []string{"keys", "show", "wk_nope"}, ExitRuntime, "no Ward admin API there"},
		{adminOff.URL, []string{"keys", "rotate", "wk_nope"}, ExitRuntime, "no Ward admin API there"},
		{plain.URL, []string{"keys", "show", "wk_nope"}, ExitRuntime, "no Ward admin API there"},
		{html.URL, []string{"keys", "list"}, ExitRuntime, "not JSON"},
	} {
		r := run(t, "", "", vars, append(tt.args, "--admin-url", tt.url)...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v against %s: exit %d %q, want %d with %q", tt.args, tt.url, r.code, r.stderr, tt.code, tt.want)
		}
		if tt.code == ExitRuntime && !strings.Contains(r.stderr, "ward: hint: ") {
			t.Errorf("%v against %s: no hint: %q", tt.args, tt.url, r.stderr)
		}
	}
}

// TestKeysRotateRefused: rotating a key twice, or a revoked key, is a
// usage error (exit 2) that names the successor, on the store and
// through the admin API alike.
func TestKeysRotateRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "ward.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	token := "tok-" + strings.Repeat("x", 8)
	srv := httptest.NewServer(gateway.AdminHandler(st, token))
	t.Cleanup(srv.Close)
	vars := map[string]string{"WARD_ADMIN_TOKEN": token}
	for name, where := range map[string][]string{"store": {"--store", path}, "admin API": {"--admin-url", srv.URL}} {
		t.Run(name, func(t *testing.T) {
			_, k, err := gateway.IssueKey(context.Background(), st, name, 0, &authn.Key{})
			if err != nil {
				t.Fatal(err)
			}
			r := run(t, "", "", vars, append([]string{"keys", "rotate", k.ID, "-f", "json"}, where...)...)
			if r.code != ExitOK {
				t.Fatalf("rotate: %d %s", r.code, r.stderr)
			}
			next, err := st.ListKeys(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var successor string
			for _, n := range next {
				if n.RotatedFrom == k.ID {
					successor = n.ID
				}
			}
			r = run(t, "", "", vars, append([]string{"keys", "rotate", k.ID}, where...)...)
			if r.code != ExitUsage || successor == "" || !strings.Contains(r.stderr, successor) || r.stdout != "" {
				t.Errorf("rotate twice: %d %q, want exit 2 naming the successor %s", r.code, r.stderr, successor)
			}
			if err := st.RevokeKey(context.Background(), successor, time.Now()); err != nil {
				t.Fatal(err)
			}
			r = run(t, "", "", vars, append([]string{"keys", "rotate", successor}, where...)...)
			if r.code != ExitUsage || !strings.Contains(r.stderr, "revoked or expired") {
				t.Errorf("rotate a revoked key: %d %q, want exit 2", r.code, r.stderr)
			}
		})
	}
}

// TestKeysIssueValidatesLimits: flags the gateway could not enforce are
// a usage error naming each.
func TestKeysIssueValidatesLimits(t *testing.T) {
	t.Parallel()
	st := filepath.Join(t.TempDir(), "ward.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--rpm", "-5"}, "rpm: -5 is negative"},
		{[]string{"--budget-period", "weekly"}, `budget_period: "weekly"`},
		{[]string{"--routes", "v1/embeddings"}, `routes[0]: "v1/embeddings" must start with /`},
		{[]string{"--models", "gpt-["}, `models[0]: "gpt-[" is not a valid glob`},
	} {
		r := run(t, "", "", nil, append([]string{"keys", "issue", "--name", "ci", "--store", st}, tc.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("issue %v: exit %d %q, want 2 saying %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	r := run(t, "", "", nil, "keys", "issue", "--name", "ci", "--store", st, "--routes", "/v1/*", "--models", "gpt-4o*")
	if r.code != ExitOK {
		t.Errorf("valid globs: exit %d %s", r.code, r.stderr)
	}
}
