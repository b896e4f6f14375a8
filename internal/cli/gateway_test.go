package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/testenv"
)

func TestKeysCommands(t *testing.T) {
	t.Parallel()
	st := filepath.Join(t.TempDir(), "ward.db")
	r := run(t, "", "", nil, "keys", "issue", "--name", "ci", "--ttl", "2h", "--rpm", "60", "--models", "gpt-4o-mini", "--store", st)
	key := strings.TrimSpace(r.stdout)
	if r.code != ExitOK || !regexp.MustCompile(`^ward_[0-9A-Za-z]{43}$`).MatchString(key) || !strings.Contains(r.stderr, "only time the key is shown") {
		t.Fatalf("issue: %d %q %q", r.code, key, r.stderr)
	}
	r = run(t, "", "", nil, "keys", "list", "-f", "json", "--store", st)
	var keys []struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		RPM    int    `json:"rpm"`
		Models []string
	}
	if err := json.Unmarshal([]byte(r.stdout), &keys); err != nil || len(keys) != 1 || keys[0].RPM != 60 || strings.Contains(r.stdout, key) {
		t.Fatalf("list: %v %s", err, r.stdout)
	}
	id := keys[0].ID
	if r := run(t, "", "", nil, "keys", "show", id, "--store", st); r.code != ExitOK || !strings.Contains(r.stdout, "active") {
		t.Errorf("show: %d %s", r.code, r.stdout)
	}
	r = run(t, "", "", nil, "keys", "rotate", id, "--store", st)
	if r.code != ExitOK || strings.TrimSpace(r.stdout) == key {
		t.Errorf("rotate: %d", r.code)
	}
	if r := run(t, "", "", nil, "keys", "show", id, "--store", st); !strings.Contains(r.stdout, "revoked") {
		t.Errorf("the rotated key is not revoked: %s", r.stdout)
	}
	if r := run(t, "", "", nil, "keys", "revoke", "wk_nope", "--store", st); r.code != ExitUsage {
		t.Errorf("revoke unknown: %d", r.code)
	}
	if r := run(t, "", "", nil, "keys", "issue", "--store", st); r.code != ExitUsage || !strings.Contains(r.stderr, "--name") {
		t.Errorf("issue without name: %d %s", r.code, r.stderr)
	}
}

func TestGatewayUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	storeConfig := filepath.Join(dir, "store.yaml")
	write(t, dir, "store.yaml", "gateway:\n  store: mysql://x\n  providers: [{name: o, kind: openai, base_url: https://api.example.com}]\n")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"gateway", "--config", filepath.Join(dir, "none.yaml")}, "none.yaml"},
		{[]string{"gateway", "--upstream", "https://api.example.com", "--upstream-key-env", "WARD_TEST_NO_SUCH_KEY"}, "WARD_TEST_NO_SUCH_KEY is not set"},
		{[]string{"gateway", "--upstream", "ftp://x"}, `--upstream "ftp://x" is not an http(s) URL`},
		{[]string{"gateway", "--upstream", "https://api.example.com", "--upstream-kind", "azure"}, `--upstream-kind "azure"`},
		{[]string{"gateway", "--upstream", "https://api.example.com", "--store", "mysql://x"}, `--store "mysql://x": unsupported scheme`},
		{[]string{"gateway", "--config", storeConfig}, `store.yaml: gateway.store "mysql://x"`},
		{[]string{"gateway", "--upstream", "http://127.0.0.1:1", "--counters", "memcached://x", "--store", filepath.Join(dir, "w.db")}, "counters"},
	} {
		r := run(t, "", "", nil, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d %q, want 2 with %q", tt.args, r.code, r.stderr, tt.want)
		}
		if strings.Contains(r.stderr, "gateway.providers[") {
			t.Errorf("%v: a flag's problem blamed on the configuration file: %q", tt.args, r.stderr)
		}
	}
}

// TestGatewayEndToEnd issues a key, starts `ward gateway --upstream` on a
// free port in front of a fake provider, calls it as an SDK would, and
// stops it.
func TestGatewayEndToEnd(t *testing.T) {
	t.Parallel()
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer provider-key-for-tests" {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}`)
	}))
	defer upstream.Close()
	st := filepath.Join(t.TempDir(), "ward.db")
	key := strings.TrimSpace(run(t, "", "", nil, "keys", "issue", "--name", "e2e", "--store", st).stdout)

	var stderr testenv.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr,
		getenv: func(k string) string { return map[string]string{"UPSTREAM_KEY": "provider-key-for-tests"}[k] }}
	root := e.rootCmd()
	root.SetArgs([]string{"gateway", "--upstream", upstream.URL, "--upstream-key-env", "UPSTREAM_KEY",
		"--listen", "127.0.0.1:0", "--store", st})
	done := make(chan int)
	go func() { done <- e.exitCode(root.ExecuteContext(ctx)) }()
	addr := waitListening(t, &stderr)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/chat/completions", strings.NewReader(`{"model":"gpt-4o-mini","messages":[]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"completion_tokens":4`) {
		t.Errorf("through the gateway: %d %s", resp.StatusCode, body)
	}
	// The quick start refuses fields the API does not document.
	req, _ = http.NewRequest(http.MethodPost, "http://"+addr+"/v1/chat/completions", strings.NewReader(`{"model":"gpt-4o-mini","messages":[],"bogus_field":1}`))
	req.Header.Set("Authorization", "Bearer "+key)
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), `"code":"unknown_parameter"`) {
		t.Errorf("an unknown field: %d %s", resp.StatusCode, body)
	}
	metrics, _ := http.Get("http://" + addr + "/metrics")
	mb, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	if !strings.Contains(string(mb), `ward_gateway_requests_total{decision="allow"`) {
		t.Errorf("metrics lack the request")
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("gateway exited %d", code)
	}
	logs := stderr.String()
	if !strings.Contains(logs, `"msg":"request"`) || strings.Contains(logs, key) || strings.Contains(logs, "provider-key-for-tests") {
		t.Errorf("logs must have the request line and never a key:\n%s", logs)
	}
}

// waitListening reads the gateway's address from its "listening" log line.
func waitListening(t *testing.T, stderr *testenv.Buffer) string {
	t.Helper()
	re := regexp.MustCompile(`"msg":"listening","addr":"([^"]+)"`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the gateway did not start: %s", stderr.String())
	return ""
}

// startGateway runs `ward gateway` with args until the test ends, and
// returns its log and the channel its exit code comes on.
func startGateway(t *testing.T, args ...string) (*testenv.Buffer, <-chan int) {
	t.Helper()
	var stderr testenv.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	root := e.rootCmd()
	root.SetArgs(append([]string{"gateway"}, args...))
	done, stopped := make(chan int, 1), make(chan struct{})
	go func() {
		defer close(stopped)
		done <- e.exitCode(root.ExecuteContext(ctx))
	}()
	t.Cleanup(func() {
		cancel()
		<-stopped
	})
	return &stderr, done
}

// TestGatewayAdminListen: with admin_listen set, /metrics moves to the
// admin address while /healthz and /readyz answer on both, so probes
// may use either.
func TestGatewayAdminListen(t *testing.T) {
	t.Parallel()
	upstream := httptest.NewServer(http.NotFoundHandler())
	defer upstream.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ward.yaml")
	write(t, dir, "ward.yaml", "gateway:\n  listen: 127.0.0.1:0\n  admin_listen: 127.0.0.1:0\n")
	stderr, _ := startGateway(t, "--config", cfg, "--upstream", upstream.URL, "--store", filepath.Join(dir, "ward.db"))
	addrs := map[string]string{}
	re := regexp.MustCompile(`"msg":"listening","addr":"([^"]+)","serves":"(\w+)"`)
	for deadline := time.Now().Add(10 * time.Second); len(addrs) < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, m := range re.FindAllStringSubmatch(stderr.String(), -1) {
			addrs[m[2]] = m[1]
		}
	}
	if addrs["api"] == "" || addrs["admin"] == "" {
		t.Fatalf("want an api and an admin address: %s", stderr.String())
	}
	get := func(addr, path string) int {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tc := range []struct {
		serves, path string
		want         int
	}{
		{"api", "/healthz", 200}, {"api", "/readyz", 200}, {"api", "/metrics", 404},
		{"admin", "/healthz", 200}, {"admin", "/readyz", 200}, {"admin", "/metrics", 200},
	} {
		if got := get(addrs[tc.serves], tc.path); got != tc.want {
			t.Errorf("%s on the %s address: %d, want %d", tc.path, tc.serves, got, tc.want)
		}
	}
}

// TestGatewayAddressTaken: when an address the gateway is to serve on is
// taken, it exits 2 naming the address and what set it, before it
// announces (or serves) any other.
func TestGatewayAddressTaken(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	upstream := httptest.NewServer(http.NotFoundHandler())
	defer upstream.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "ward.yaml")
	write(t, dir, "ward.yaml", "gateway:\n  listen: 127.0.0.1:0\n  admin_listen: "+addr+"\n")
	for _, tc := range []struct {
		args []string
		from string
	}{
		{[]string{"--config", cfg}, "gateway.admin_listen"},
		{[]string{"--config", cfg, "--listen", addr}, "--listen"},
	} {
		stderr, done := startGateway(t, append(tc.args, "--upstream", upstream.URL, "--store", filepath.Join(dir, "ward.db"))...)
		select {
		case code := <-done:
			logs := stderr.String()
			if code != ExitUsage || !strings.Contains(logs, tc.from) || !strings.Contains(logs, addr) {
				t.Errorf("%v: exit %d %q, want 2 naming %s and %s", tc.args, code, logs, tc.from, addr)
			}
			if strings.Contains(logs, `"msg":"listening"`) {
				t.Errorf("%v: announced an address before failing on another:\n%s", tc.args, logs)
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%v: the gateway did not stop on a taken address", tc.args)
		}
	}
}

// TestGatewayDrainsStreamsOnShutdown: a stream in flight when the
// gateway is told to stop runs to its end before the gateway exits.
func TestGatewayDrainsStreamsOnShutdown(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range 3 {
			fmt.Fprintf(w, "data: {\"choices\":[{\"delta\":{\"content\":\"%d\"}}]}\n\n", i)
			w.(http.Flusher).Flush()
			if i == 0 {
				close(started)
			}
			time.Sleep(150 * time.Millisecond)
		}
		fmt.Fprint(w, "data: [DONE]\n\n")
	}))
	defer upstream.Close()
	st := filepath.Join(t.TempDir(), "ward.db")
	key := strings.TrimSpace(run(t, "", "", nil, "keys", "issue", "--name", "drain", "--store", st).stdout)
	var stderr testenv.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	root := e.rootCmd()
	root.SetArgs([]string{"gateway", "--upstream", upstream.URL, "--listen", "127.0.0.1:0", "--store", st})
	done := make(chan int)
	go func() { done <- e.exitCode(root.ExecuteContext(ctx)) }()
	addr := waitListening(t, &stderr)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/chat/completions", strings.NewReader(`{"model":"gpt-4o-mini","stream":true,"messages":[]}`))
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	<-started
	cancel() // stop the gateway while the stream is open
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"content":"2"`) || !strings.Contains(string(body), "[DONE]") {
		t.Errorf("the stream was cut by the shutdown: %q", body)
	}
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("gateway exited %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the gateway did not stop after the stream ended")
	}
}

// TestGuardOptions: the configured policies become the gateway's, with
// Ward's defaults filled in, and a reference to an undefined policy is a
// usage error that names it.
func TestGuardOptions(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "ward.yaml")
	os.WriteFile(cfgPath, []byte(`gateway:
  guard:
    mode: flag
    data: {EMAIL: pseudonymise}
    output: {allowed_domains: [example.com], links: block, canary: false}
    policies:
      strict: {mode: block, threshold: 0.5}
      loose: {threshold: 0.95}
    routes: {/v1/embeddings: "off"}
    classifier: {url: "http://127.0.0.1:9/classify", timeout: 50ms}
`), 0o600)
	cfg, err := config.Load(cfgPath, false)
	if err != nil {
		t.Fatal(err)
	}
	o, err := guardOptions(&cfg.Gateway.Guard, os.Getenv)
	if err != nil || o == nil {
		t.Fatalf("guardOptions: %v, %v", o, err)
	}
	d, s := o.Default, o.Policies["strict"]
	if d.Mode != gateway.GuardFlag || d.Data[redact.TypeEmail] != redact.Pseudonymise || d.Data[redact.TypeCard] != redact.Allow ||
		d.Output.Canary || !d.Output.SystemPrompt || d.Output.Links != gateway.LinksBlock || d.Threshold <= 0 {
		t.Errorf("default policy %+v", d)
	}
	if s.Mode != gateway.GuardBlock || s.Threshold != 0.5 || s.Data[redact.TypeSecret] != redact.Block || !s.Output.Canary {
		t.Errorf("strict policy %+v", s)
	}
	if l := o.Policies["loose"]; l.Mode != gateway.GuardFlag || l.Threshold != 0.95 {
		t.Errorf("a policy without a mode takes the default's: %+v", l)
	}
	if o.Classifier == nil || o.ClassifierFailOpen || o.Routes["/v1/embeddings"] != "off" {
		t.Errorf("options %+v", o)
	}

	os.WriteFile(cfgPath, []byte("gateway:\n  guard: {mode: block}\n  teams: {ml: {guard: strikt}}\n"), 0o600)
	r := run(t, "", "", nil, "gateway", "--config", cfgPath)
	if r.code != ExitUsage || !strings.Contains(r.stderr, `no guard policy named "strikt"`) {
		t.Errorf("undefined policy: exit %d %q", r.code, r.stderr)
	}
}

// TestGatewayFieldOptions: unknown_fields and extra_fields become the
// gateway's field options.
func TestGatewayFieldOptions(t *testing.T) {
	for _, tc := range []struct {
		cfg  config.Gateway
		want gateway.FieldOptions
	}{
		{config.DefaultGateway(), gateway.FieldOptions{}},
		{config.Gateway{UnknownFields: "reject", ExtraFields: []string{"top_k"}}, gateway.FieldOptions{Extra: []string{"top_k"}}},
		{config.Gateway{UnknownFields: "forward"}, gateway.FieldOptions{Forward: true}},
	} {
		var o gateway.Options
		if err := applyGatewayLimits(&tc.cfg, &o, os.Getenv); err != nil {
			t.Fatal(err)
		}
		if o.Fields.Forward != tc.want.Forward || !slices.Equal(o.Fields.Extra, tc.want.Extra) {
			t.Errorf("%q %v: %+v, want %+v", tc.cfg.UnknownFields, tc.cfg.ExtraFields, o.Fields, tc.want)
		}
	}
}
