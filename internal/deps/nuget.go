package deps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// nugetEntry is one package under a target framework in packages.lock.json.
type nugetEntry struct {
	Type         string            `json:"type"`
	Resolved     string            `json:"resolved"`
	Dependencies map[string]string `json:"dependencies"`
}

// nugetReader holds the state of one parseNuGetLock call.
type nugetReader struct {
	path  string
	dec   *json.Decoder
	lines lineIndex
	size  int64
	pkgs  []Package
	index map[string]int // lower-cased name@version -> pkgs index
}

// parseNuGetLock reads a NuGet packages.lock.json (versions 1 and 2): the
// packages restored for each target framework (and runtime identifier),
// keyed by name with their "type" (Direct, Transitive, CentralTransitive or
// Project) and "resolved" version. A package restored for several targets
// is reported once, at its first line, Direct if any target lists it as
// Direct. Project references are Local. DependsOn comes from each entry's
// "dependencies" map, resolved within the same target.
func parseNuGetLock(path string, data []byte) ([]Package, error) {
	r := &nugetReader{
		path:  path,
		dec:   json.NewDecoder(bytes.NewReader(data)),
		lines: newLineIndex(data),
		size:  int64(len(data)),
		index: make(map[string]int),
	}
	if err := r.file(); err != nil {
		return nil, err
	}
	return r.pkgs, nil
}

// file reads the top-level object, skipping everything but "dependencies".
func (r *nugetReader) file() error {
	if err := r.delim('{'); err != nil {
		return err
	}
	for r.dec.More() {
		key, err := r.key()
		if err != nil {
			return err
		}
		if key == "dependencies" {
			err = r.targets()
		} else {
			err = r.skip()
		}
		if err != nil {
			return err
		}
	}
	if err := r.delim('}'); err != nil {
		return err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return r.errorf("parse packages.lock.json: data after the top-level object")
	}
	return nil
}

// targets reads the object of target frameworks.
func (r *nugetReader) targets() error {
	if err := r.delim('{'); err != nil {
		return err
	}
	for r.dec.More() {
		if _, err := r.key(); err != nil {
			return err
		}
		if err := r.target(); err != nil {
			return err
		}
	}
	return r.delim('}')
}

// nugetEdges remembers an entry's dependencies until its target is read.
type nugetEdges struct {
	pkg  int
	deps map[string]string
}

// target reads the packages of one target framework, then links the
// dependencies among them.
func (r *nugetReader) target() error {
	if err := r.delim('{'); err != nil {
		return err
	}
	ids := make(map[string]string) // lower-cased name -> ID in this target
	var edges []nugetEdges
	for r.dec.More() {
		name, err := r.key()
		if err != nil {
			return err
		}
		line := r.line()
		if name == "" {
			return errorf(r.path, line, "parse packages.lock.json: empty package name")
		}
		e, err := r.entry()
		if err != nil {
			return err
		}
		i := r.add(name, e, line)
		ids[strings.ToLower(name)] = r.pkgs[i].ID
		if len(e.Dependencies) > 0 {
			edges = append(edges, nugetEdges{i, e.Dependencies})
		}
	}
	for _, ed := range edges {
		r.link(ed, ids)
	}
	return r.delim('}')
}

// entry decodes one package entry. A type error's offset counts from the
// start of the entry, so it is added to where the entry's key ended.
func (r *nugetReader) entry() (nugetEntry, error) {
	base := r.dec.InputOffset()
	var e nugetEntry
	if err := r.dec.Decode(&e); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nugetEntry{}, errorf(r.path, r.lines.line(base+te.Offset), "parse packages.lock.json: %v", err)
		}
		return nugetEntry{}, r.wrap(err)
	}
	return e, nil
}

// add records one entry, merging it into an earlier target's identical
// package, and returns its index.
func (r *nugetReader) add(name string, e nugetEntry, line int) int {
	key := strings.ToLower(name + "@" + e.Resolved)
	if i, ok := r.index[key]; ok {
		r.pkgs[i].Direct = r.pkgs[i].Direct || e.Type == "Direct"
		return i
	}
	p := Package{
		Ecosystem: NuGet,
		Name:      name,
		Version:   e.Resolved,
		Line:      line,
		Direct:    e.Type == "Direct",
		Local:     e.Type == "Project",
		ID:        name + "@" + e.Resolved,
	}
	r.index[key] = len(r.pkgs)
	r.pkgs = append(r.pkgs, p)
	return len(r.pkgs) - 1
}

// link adds the IDs of an entry's dependencies, in name order, skipping
// those the target does not list (framework-provided assemblies).
func (r *nugetReader) link(ed nugetEdges, ids map[string]string) {
	names := make([]string, 0, len(ed.deps))
	for n := range ed.deps {
		names = append(names, n)
	}
	sort.Strings(names)
	p := &r.pkgs[ed.pkg]
	seen := make(map[string]bool, len(p.DependsOn)+len(names))
	for _, id := range p.DependsOn {
		seen[id] = true
	}
	for _, n := range names {
		id, ok := ids[strings.ToLower(n)]
		if ok && id != p.ID && !seen[id] {
			seen[id] = true
			p.DependsOn = append(p.DependsOn, id)
		}
	}
}

// key reads an object key.
func (r *nugetReader) key() (string, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return "", r.wrap(err)
	}
	s, ok := tok.(string)
	if !ok {
		return "", r.errorf("parse packages.lock.json: want an object key, got %v", tok)
	}
	return s, nil
}

// delim reads one expected delimiter.
func (r *nugetReader) delim(want json.Delim) error {
	tok, err := r.dec.Token()
	if err != nil {
		return r.wrap(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return r.errorf("parse packages.lock.json: want %q, got %v", want, tok)
	}
	return nil
}

// skip reads and discards one value; the decoder bounds its nesting.
func (r *nugetReader) skip() error {
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		return r.wrap(err)
	}
	return nil
}

// line is the line the decoder has reached.
func (r *nugetReader) line() int {
	return r.lines.line(r.dec.InputOffset())
}

// wrap turns a decoder error into an *Error at its line.
func (r *nugetReader) wrap(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return errorf(r.path, r.lines.line(se.Offset), "parse packages.lock.json: %v", err)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return errorf(r.path, r.lines.line(r.size), "parse packages.lock.json: %v", io.ErrUnexpectedEOF)
	}
	return r.errorf("parse packages.lock.json: %v", err)
}

// errorf returns an *Error at the decoder's line.
func (r *nugetReader) errorf(format string, args ...any) error {
	return errorf(r.path, r.line(), "%s", fmt.Sprintf(format, args...))
}
