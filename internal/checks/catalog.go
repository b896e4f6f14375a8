package checks

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
)

// Catalog is a set of checks and the libraries they import.
type Catalog struct {
	libs   []policy.Module
	checks []*Check
	source map[*Check]policy.Module
}

var builtinOnce = sync.OnceValues(func() (*Catalog, error) {
	c := &Catalog{source: map[*Check]policy.Module{}}
	if err := c.add(builtin, "rules", false); err != nil {
		return nil, fmt.Errorf("built-in checks: %w", err)
	}
	return c, nil
})

// Builtin returns a catalog of Ward's built-in checks. The caller may add
// custom checks to it; it is a copy.
func Builtin() (*Catalog, error) {
	b, err := builtinOnce()
	if err != nil {
		return nil, err
	}
	c := &Catalog{libs: slices.Clone(b.libs), checks: slices.Clone(b.checks), source: make(map[*Check]policy.Module, len(b.source))}
	for k, v := range b.source {
		c.source[k] = v
	}
	return c, nil
}

// AddCustom adds a user's checks (Rego modules in packages under
// "ward.", each with a "# METADATA" block) and libraries (packages under
// "ward.lib"), judged like the built-in ones.
func (c *Catalog) AddCustom(mods []policy.Module) error {
	srcs, err := classify(mods, true)
	if err != nil {
		return err
	}
	return c.addSources(srcs)
}

func (c *Catalog) add(fsys fs.FS, root string, custom bool) error {
	srcs, err := loadFS(fsys, root, custom)
	if err != nil {
		return err
	}
	return c.addSources(srcs)
}

func (c *Catalog) addSources(srcs []source) error {
	seen := map[string]string{}
	for _, ch := range c.checks {
		seen[ch.ID] = ch.Path
	}
	for _, s := range srcs {
		if s.check == nil {
			c.libs = append(c.libs, s.module)
			continue
		}
		if prev, dup := seen[s.check.ID]; dup {
			return &policy.CompileError{Path: s.check.Path, Err: fmt.Errorf("check id %q is already defined in %s", s.check.ID, prev)}
		}
		seen[s.check.ID] = s.check.Path
		c.checks = append(c.checks, s.check)
		c.source[s.check] = s.module
	}
	slices.SortFunc(c.checks, func(a, b *Check) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	return nil
}

// Checks lists the checks by kind and id.
func (c *Catalog) Checks() []*Check { return slices.Clone(c.checks) }

// Lookup finds a check by its id or a related KICS, Checkov or Trivy id.
func (c *Catalog) Lookup(id string) *Check {
	for _, ch := range c.checks {
		if ch.ID == id {
			return ch
		}
	}
	for _, ch := range c.checks {
		if slices.ContainsFunc(ch.IDs(), func(s string) bool { return strings.EqualFold(s, id) }) {
			return ch
		}
	}
	return nil
}

// minShard is the fewest checks worth compiling as a shard of their own.
const minShard = 40

// Compile prepares the checks of one kind that keep accepts (nil keeps
// all). Terraform plans are judged by Terraform checks. Large kinds are
// compiled in shards on several CPUs at once, checks of one folder (which
// share its libraries) staying together.
func (c *Catalog) Compile(ctx context.Context, kind iac.Kind, keep func(*Check) bool) (*Engine, error) {
	if kind == iac.Plan {
		kind = iac.Terraform
	}
	e := &Engine{byNamespace: map[string]*Check{}}
	var selected []*Check
	for _, ch := range c.checks {
		if ch.Kind != kind || (keep != nil && !keep(ch)) {
			continue
		}
		if prev, dup := e.byNamespace[ch.Namespace]; dup {
			return nil, &policy.CompileError{Path: ch.Path, Err: fmt.Errorf("package %s is already used by check %s", ch.Namespace, prev.ID)}
		}
		e.byNamespace[ch.Namespace] = ch
		selected = append(selected, ch)
	}
	if len(selected) == 0 {
		return e, nil
	}
	shards := shard(selected, min(runtime.GOMAXPROCS(0), max(1, len(selected)/minShard)))
	e.shards = make([]*policy.Engine, len(shards))
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, checks := range shards {
		wg.Go(func() {
			mods := c.libsFor(kind)
			for _, ch := range checks {
				mods = append(mods, c.source[ch])
			}
			e.shards[i], errs[i] = policy.New(ctx, mods)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return e, nil
}

// libsFor lists the libraries a kind's checks may import: the shared
// ones (rules/lib), the kind's own (rules/<kind>/**/lib), and every
// custom library. Leaving the other kinds' out keeps compiling quick.
func (c *Catalog) libsFor(kind iac.Kind) []policy.Module {
	var out []policy.Module
	for _, m := range c.libs {
		dirs := strings.Split(m.Path, "/")
		builtin := len(dirs) > 1 && dirs[0] == "rules"
		if !builtin || dirs[1] == "lib" || dirs[1] == string(kind) {
			out = append(out, m)
		}
	}
	return out
}

// shard splits checks into n groups of about the same size, keeping the
// checks of one folder together (largest folders first, each to the
// smallest group).
func shard(checks []*Check, n int) [][]*Check {
	byDir := map[string][]*Check{}
	for _, ch := range checks {
		d := path.Dir(ch.Path)
		byDir[d] = append(byDir[d], ch)
	}
	dirs := slices.Collect(maps.Keys(byDir))
	slices.SortFunc(dirs, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(byDir[b]), len(byDir[a])), cmp.Compare(a, b))
	})
	out := make([][]*Check, n)
	for _, d := range dirs {
		smallest := 0
		for i := range out {
			if len(out[i]) < len(out[smallest]) {
				smallest = i
			}
		}
		out[smallest] = append(out[smallest], byDir[d]...)
	}
	return slices.DeleteFunc(out, func(s []*Check) bool { return len(s) == 0 })
}

// Library returns the built-in Rego libraries (data.ward.lib and the
// libraries of the built-in checks), for a user's policy tests.
func Library() ([]policy.Module, error) {
	b, err := builtinOnce()
	if err != nil {
		return nil, err
	}
	return slices.Clone(b.libs), nil
}
