package reach

import (
	"bytes"
	"errors"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"os"
	"slices"
	"strconv"
)

const (
	// headSize is how much of a Go file is read first: the package
	// clause and imports of nearly every file, license header included.
	headSize = 8 << 10
	// maxGoFile bounds what is read of a Go file whose imports do not end
	// within headSize.
	maxGoFile = 32 << 20
)

// errTooLarge is a Go file whose imports end past maxGoFile.
var errTooLarge = errors.New("imports of a Go file do not end within 32 MiB")

// goFile is what the walk reads of one Go file.
type goFile struct {
	imports []string
	// ignored: the build constraint excludes the file whatever the tags
	// ("ignore", "ignore && linux"), as go mod tidy reads it.
	ignored bool
	read    int64 // bytes read
}

// readGoFile reads the imports of a Go file from its head, reading eight
// times more each time the imports may go on past what was read (a
// generated file's first comment line can be 30 KiB). A file that does not
// parse gives the imports read before the error: it cannot be part of a
// successful build, and what it names is kept all the same. buf is
// scratch space, returned for reuse.
func readGoFile(name string, buf []byte) (goFile, []byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return goFile{}, buf, err
	}
	defer f.Close()
	buf = buf[:0]
	for limit := headSize; ; limit = min(limit*8, maxGoFile) {
		var eof bool
		if buf, eof, err = fill(f, buf, limit+1); err != nil {
			return goFile{read: int64(len(buf))}, buf, err
		}
		if gf, ok := parseHead(name, buf, eof); ok {
			return gf, buf, nil
		}
		if limit == maxGoFile {
			return goFile{read: int64(len(buf))}, buf, errTooLarge
		}
	}
}

// fill reads r into buf until buf holds n bytes or r ends (eof).
func fill(r io.Reader, buf []byte, n int) ([]byte, bool, error) {
	have := len(buf)
	buf = slices.Grow(buf, n-have)[:n]
	k, err := io.ReadFull(r, buf[have:])
	buf = buf[:have+k]
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return buf, true, nil
	}
	return buf, false, err
}

// parseHead parses the package clause and imports of src, a whole file or
// its head. For a head, ok is false unless the imports visibly end in it:
// it parses, and a whole token that is not "import" follows them.
func parseHead(name string, src []byte, whole bool) (goFile, bool) {
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
	gf := goFile{read: int64(len(src))}
	if af == nil || !whole && (err != nil || !importsEnd(fset, af, src)) {
		return gf, false
	}
	if af.Package.IsValid() {
		gf.ignored = ignored(src[:fset.Position(af.Package).Offset])
	}
	for _, imp := range af.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && p != "" {
			gf.imports = append(gf.imports, p)
		}
	}
	return gf, true
}

// importsEnd reports whether a complete token other than "import" follows
// the last import declaration (or the package clause) inside src.
func importsEnd(fset *token.FileSet, af *ast.File, src []byte) bool {
	end := af.Name.End()
	if n := len(af.Decls); n > 0 {
		end = af.Decls[n-1].End()
	}
	off := fset.Position(end).Offset
	if off < 0 || off > len(src) {
		return false
	}
	rest := src[off:]
	var s scanner.Scanner
	bad := false
	tf := fset.AddFile("", -1, len(rest))
	s.Init(tf, rest, func(token.Position, string) { bad = true }, 0)
	for {
		pos, tok, lit := s.Scan()
		if bad || tok == token.EOF || tok == token.IMPORT {
			return false
		}
		if tok == token.SEMICOLON && lit == ";" {
			continue
		}
		text := lit
		if text == "" {
			text = tok.String()
		}
		return tf.Offset(pos)+len(text) < len(rest) // the token ends before the cut
	}
}

// ignored reports whether the build constraint in head, the comments
// before the package clause, excludes the file whatever the tags: every
// tag but "ignore" counts as both set and unset, as in go mod tidy and go
// mod vendor. A //go:build line wins over // +build lines.
func ignored(head []byte) bool {
	var goBuild constraint.Expr
	var plus []constraint.Expr
	for _, line := range constraintLines(head) {
		switch {
		case constraint.IsGoBuild(line):
			if x, err := constraint.Parse(line); err == nil && goBuild == nil {
				goBuild = x
			}
		case constraint.IsPlusBuild(line):
			if x, err := constraint.Parse(line); err == nil {
				plus = append(plus, x)
			}
		}
	}
	if goBuild != nil {
		return !anyTags(goBuild, true)
	}
	for _, x := range plus {
		if !anyTags(x, true) {
			return true
		}
	}
	return false
}

// constraintLines returns the // comments of head that may be build
// constraints. head holds only comments and blanks (what comes before a
// package clause); /* */ comments are skipped, so a constraint quoted in
// one does not count.
func constraintLines(head []byte) []string {
	var out []string
	for i := 0; i < len(head); {
		switch {
		case bytes.HasPrefix(head[i:], []byte("//")):
			end := bytes.IndexByte(head[i:], '\n')
			if end < 0 {
				end = len(head) - i
			}
			line := bytes.TrimSpace(head[i : i+end])
			if t := bytes.TrimLeft(line[2:], " \t"); bytes.HasPrefix(t, []byte("go:build")) || bytes.HasPrefix(t, []byte("+build")) {
				out = append(out, string(line))
			}
			i += end
		case bytes.HasPrefix(head[i:], []byte("/*")):
			end := bytes.Index(head[i+2:], []byte("*/"))
			if end < 0 {
				return out
			}
			i += end + 4
		default:
			i++
		}
	}
	return out
}

// anyTags evaluates x with every tag but "ignore" taking whichever value
// prefer asks for (negations flip it), so that x is false only when no
// choice of tags satisfies it.
func anyTags(x constraint.Expr, prefer bool) bool {
	switch x := x.(type) {
	case *constraint.TagExpr:
		if x.Tag == "ignore" {
			return false
		}
		return prefer
	case *constraint.NotExpr:
		return !anyTags(x.X, !prefer)
	case *constraint.AndExpr:
		return anyTags(x.X, prefer) && anyTags(x.Y, prefer)
	case *constraint.OrExpr:
		return anyTags(x.X, prefer) || anyTags(x.Y, prefer)
	}
	return true
}
