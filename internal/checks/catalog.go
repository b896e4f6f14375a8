package checks

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
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

// Compile prepares the checks of one kind that keep accepts (nil keeps
// all). Terraform plans are judged by Terraform checks.
func (c *Catalog) Compile(ctx context.Context, kind iac.Kind, keep func(*Check) bool) (*Engine, error) {
	if kind == iac.Plan {
		kind = iac.Terraform
	}
	e := &Engine{byNamespace: map[string]*Check{}}
	mods := slices.Clone(c.libs)
	for _, ch := range c.checks {
		if ch.Kind != kind || (keep != nil && !keep(ch)) {
			continue
		}
		if prev, dup := e.byNamespace[ch.Namespace]; dup {
			return nil, &policy.CompileError{Path: ch.Path, Err: fmt.Errorf("package %s is already used by check %s", ch.Namespace, prev.ID)}
		}
		e.byNamespace[ch.Namespace] = ch
		mods = append(mods, c.source[ch])
	}
	if len(e.byNamespace) == 0 {
		return e, nil
	}
	var err error
	if e.policy, err = policy.New(ctx, mods); err != nil {
		return nil, err
	}
	return e, nil
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
