package deps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// parseComposerLock reads a composer.lock: "packages" and "packages-dev"
// (Dev) arrays. Versions are kept as written ("v5.4.0", "dev-main").
// Packages installed from a path repository (dist or, without a dist,
// source of type "path") are Local; git sources are how Packagist serves
// every package and mark nothing. The lock does not record what
// composer.json requires, so Direct is never set. "require" gives the
// graph; platform requirements (php, ext-*, lib-*) name no locked package
// and are dropped.
func parseComposerLock(path string, data []byte) ([]Package, error) {
	j, err := newJSONLock(path, data)
	if err != nil {
		return nil, err
	}
	var pkgs []Package
	var requires [][]string
	err = j.sections(func(key string) error {
		return j.array(func(line int) error {
			var e composerEntry
			if err := j.decode(&e); err != nil {
				return err
			}
			if e.Name == "" {
				return errorf(path, line, "package without a name")
			}
			pkgs = append(pkgs, e.pkg(line, key == "packages-dev"))
			requires = append(requires, e.requireNames())
			return nil
		})
	}, "packages", "packages-dev")
	if err != nil {
		return nil, err
	}
	linkComposer(pkgs, requires)
	return pkgs, nil
}

type composerEntry struct {
	Name    string                     `json:"name"`
	Version string                     `json:"version"`
	Source  *composerSource            `json:"source"`
	Dist    *composerSource            `json:"dist"`
	Require map[string]json.RawMessage `json:"require"`
}

type composerSource struct {
	Type string `json:"type"`
}

func (e *composerEntry) pkg(line int, dev bool) Package {
	local := e.Dist != nil && e.Dist.Type == "path" ||
		e.Dist == nil && e.Source != nil && e.Source.Type == "path"
	return Package{
		Ecosystem: Packagist,
		Name:      e.Name,
		Version:   e.Version,
		Line:      line,
		Dev:       dev,
		Local:     local,
		ID:        e.Name + "@" + e.Version,
	}
}

// requireNames returns the lower-cased names a package requires, sorted.
func (e *composerEntry) requireNames() []string {
	names := make([]string, 0, len(e.Require))
	for n := range e.Require {
		names = append(names, strings.ToLower(n))
	}
	slices.Sort(names)
	return names
}

// linkComposer fills DependsOn from each package's required names.
func linkComposer(pkgs []Package, requires [][]string) {
	byName := make(map[string]int, len(pkgs))
	for i := range pkgs {
		if _, dup := byName[strings.ToLower(pkgs[i].Name)]; !dup {
			byName[strings.ToLower(pkgs[i].Name)] = i
		}
	}
	ids := make(map[string]bool, len(pkgs))
	for i := range pkgs {
		pkgs[i].ID = distinctID(ids, pkgs[i].ID, "")
	}
	for i, names := range requires {
		for _, n := range names {
			if j, ok := byName[n]; ok && j != i {
				pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].ID)
			}
		}
	}
}

// jsonLock walks a JSON lockfile with a json.Decoder, turning its byte
// offsets into lines. Pipfile.lock uses it too.
type jsonLock struct {
	path  string
	data  []byte
	dec   *json.Decoder
	lines lineIndex
}

// newJSONLock rejects nesting deeper than maxDepth, then starts decoding.
func newJSONLock(path string, data []byte) (*jsonLock, error) {
	lines := newLineIndex(data)
	if off := jsonTooDeep(data); off >= 0 {
		return nil, errorf(path, lines.line(int64(off)), "nesting deeper than %d levels", maxDepth)
	}
	return &jsonLock{path: path, data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: lines}, nil
}

// jsonTooDeep returns the offset where JSON data nests deeper than
// maxDepth, or -1. Every JSON reader (composer.lock, Pipfile.lock, SBOMs)
// checks it before decoding.
func jsonTooDeep(data []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxDepth {
				return i
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return -1
}

// next returns the offset of the next value or key, past the separators
// the decoder has not consumed yet.
func (j *jsonLock) next() int64 {
	return jsonNext(j.data, j.dec.InputOffset())
}

// jsonNext returns the offset of the first byte at or after off that is
// not white space, a comma or a colon: where the next key or value of
// data starts, past the separators a json.Decoder has not consumed yet.
func jsonNext(data []byte, off int64) int64 {
	for ; off < int64(len(data)); off++ {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
		default:
			return off
		}
	}
	return off
}

// peek returns the first byte of the next value, or 0 at the end.
func (j *jsonLock) peek() byte {
	if off := j.next(); off < int64(len(j.data)) {
		return j.data[off]
	}
	return 0
}

// fail turns a decoding error at or after offset base into an *Error.
func (j *jsonLock) fail(err error, base int64) error {
	off := j.dec.InputOffset()
	var se *json.SyntaxError
	var ue *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &ue):
		off = base + ue.Offset
		err = fmt.Errorf("%s: a JSON %s where a %s belongs", ue.Field, ue.Value, ue.Type)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off, err = int64(len(j.data)), io.ErrUnexpectedEOF
	}
	return errorf(j.path, j.lines.line(min(off, int64(len(j.data)))), "%v", err)
}

func (j *jsonLock) decode(v any) error {
	base := j.dec.InputOffset()
	if err := j.dec.Decode(v); err != nil {
		return j.fail(err, base)
	}
	return nil
}

func (j *jsonLock) skip() error {
	var raw json.RawMessage
	return j.decode(&raw)
}

// delim reads the next token and checks that it is want.
func (j *jsonLock) delim(want json.Delim) error {
	line := j.lines.line(j.next())
	tok, err := j.dec.Token()
	if err != nil {
		return j.fail(err, 0)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return errorf(j.path, line, "expected %q, found %v", want, tok)
	}
	return nil
}

// object reads an object, calling fn with each key and the key's line;
// fn must consume the key's value.
func (j *jsonLock) object(fn func(key string, line int) error) error {
	if err := j.delim('{'); err != nil {
		return err
	}
	for j.dec.More() {
		line := j.lines.line(j.next())
		tok, err := j.dec.Token()
		if err != nil {
			return j.fail(err, 0)
		}
		key, ok := tok.(string)
		if !ok {
			return errorf(j.path, line, "expected an object key, found %v", tok)
		}
		if err := fn(key, line); err != nil {
			return err
		}
	}
	return j.delim('}')
}

// array reads an array, calling fn with each element's line; fn must
// consume the element.
func (j *jsonLock) array(fn func(line int) error) error {
	if err := j.delim('['); err != nil {
		return err
	}
	for j.dec.More() {
		if err := fn(j.lines.line(j.next())); err != nil {
			return err
		}
	}
	return j.delim(']')
}

// sections reads the top-level object, calling fn with the key of each
// member named in names whose value is not null (fn must consume the
// value) and skipping the other members, then checks that nothing follows
// the object.
func (j *jsonLock) sections(fn func(key string) error, names ...string) error {
	err := j.object(func(key string, _ int) error {
		if !slices.Contains(names, key) || j.peek() == 'n' {
			return j.skip()
		}
		return fn(key)
	})
	if err != nil {
		return err
	}
	return j.end()
}

// end checks that nothing but white space follows the top-level value.
func (j *jsonLock) end() error {
	off := j.dec.InputOffset()
	rest := j.data[min(off, int64(len(j.data))):]
	if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) > 0 {
		return errorf(j.path, j.lines.line(int64(len(j.data)-len(trimmed))), "data after the top-level value")
	}
	return nil
}
