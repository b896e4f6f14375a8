package checks

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
)

// parseFixture parses one fixture file as the given kind. Terraform files
// are loaded as a module of their own; a .json file of a Terraform check
// is a plan; a GitHub Actions file whose name contains "action" is an
// action.yml.
func parseFixture(kind iac.Kind, name string, data []byte) (iac.Document, error) {
	base := path.Base(name)
	switch {
	case kind == iac.Terraform && strings.HasSuffix(base, ".json") && !strings.HasSuffix(base, ".tf.json"):
		rs, err := iac.ParseTerraformPlan(base, data)
		return iac.Document{Kind: iac.Plan, Path: base, Resources: rs}, err
	case kind == iac.Terraform:
		rs, errs := iac.LoadTerraform(fstest.MapFS{base: {Data: data}}, ".", iac.TerraformOptions{})
		var err error
		if len(errs) > 0 {
			err = errs[0]
		}
		return iac.Document{Kind: kind, Path: base, Resources: rs}, err
	case kind == iac.GitHubActions && strings.Contains(base, "action"):
		rs, err := iac.ParseAction(base, data)
		return iac.Document{Kind: kind, Path: base, Resources: rs}, err
	}
	rs, err := iac.ParseFile(kind, base, data)
	return iac.Document{Kind: kind, Path: base, Resources: rs}, err
}

// wantLines are the lines marked by "# want" comment lines: the line
// after the marker, or with "# want +K" the K-th line after it (for a
// line inside a heredoc, where a comment cannot go).
func wantLines(data []byte) []int {
	var out []int
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if t != "# want" && !strings.HasPrefix(t, "# want ") {
			continue
		}
		k := 1
		if rest := strings.TrimSpace(strings.TrimPrefix(t, "# want")); strings.HasPrefix(rest, "+") {
			if n, err := strconv.Atoi(rest[1:]); err == nil && n > 0 {
				k = n
			}
		}
		out = append(out, i+1+k)
	}
	slices.Sort(out)
	return out
}

// testCatalog is the built-in catalog, or, when WARD_CHECKS_DIR names
// folders of the embedded tree (comma-separated, e.g.
// "rules/kubernetes"), only rules/lib and those folders: a check writer's
// work in progress then cannot break, or be broken by, other folders.
func testCatalog(t testing.TB) *Catalog {
	t.Helper()
	dirs := os.Getenv("WARD_CHECKS_DIR")
	if dirs == "" {
		c, err := Builtin()
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := &Catalog{source: map[*Check]policy.Module{}}
	for _, d := range append([]string{"rules/lib"}, strings.Split(dirs, ",")...) {
		if err := c.add(builtin, strings.TrimSuffix(d, "/"), false); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// engines compiles every kind once for the tests.
func engines(t testing.TB, c *Catalog) map[iac.Kind]*Engine {
	t.Helper()
	out := map[iac.Kind]*Engine{}
	for _, k := range kinds {
		e, err := c.Compile(context.Background(), k, nil)
		if err != nil {
			t.Fatalf("compile %s checks: %v", k, err)
		}
		out[k] = e
	}
	return out
}

func hitLines(hits []Hit, id string) []int {
	var out []int
	for _, h := range hits {
		if h.Check.ID == id {
			out = append(out, h.Line)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestBuiltinCatalog(t *testing.T) {
	c := testCatalog(t)
	byKind := map[iac.Kind]int{}
	for _, ch := range c.Checks() {
		byKind[ch.Kind]++
		if ch.Description == "" || ch.Remediation == "" || len(ch.CWE) == 0 {
			t.Errorf("%s (%s): description, remediation and cwe are required for built-in checks", ch.ID, ch.Path)
		}
		if c.Lookup(ch.ID) != ch {
			t.Errorf("Lookup(%s) did not find it", ch.ID)
		}
	}
	t.Logf("%d checks: %v", len(c.Checks()), byKind)
	engines(t, c)
}

// TestFixtures runs every built-in check over its fixtures in
// testdata/<id>/: it must fire on exactly the lines marked "# want" in
// each positive* file and stay silent on each negative* file.
func TestFixtures(t *testing.T) {
	c := testCatalog(t)
	engs := engines(t, c)
	for _, ch := range c.Checks() {
		t.Run(ch.ID, func(t *testing.T) {
			t.Parallel()
			files, _ := filepath.Glob(filepath.Join("testdata", ch.ID, "*"))
			var pos, neg int
			for _, f := range files {
				base := filepath.Base(f)
				switch {
				case strings.HasPrefix(base, "positive"):
					pos++
				case strings.HasPrefix(base, "negative"):
					neg++
				default:
					continue
				}
				checkFixture(t, engs[ch.Kind], ch, f)
			}
			if pos == 0 || neg == 0 {
				t.Fatalf("testdata/%s needs positive* and negative* fixtures (has %d and %d)", ch.ID, pos, neg)
			}
		})
	}
}

func checkFixture(t *testing.T, e *Engine, ch *Check, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseFixture(ch.Kind, file, data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	hits, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	got, want := hitLines(hits, ch.ID), wantLines(data)
	if strings.HasPrefix(filepath.Base(file), "negative") {
		want = nil
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: fired on lines %v, want %v", file, got, want)
	}
}
