package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGuardInjectionAndDocumentTags: injection and document_tags are
// read per policy (unset tags stay nil, for Ward's list; [] is empty, to
// turn the search off); tags that are not names are errors naming the
// policy, and a misspelt key names the file and line.
func TestGuardInjectionAndDocumentTags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	write := func(yaml string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`gateway:
  guard:
    mode: block
    injection: false
    document_tags: [kb_article, Page]
    policies:
      rag: {mode: flag}
      plain: {document_tags: []}
`)
	c, err := Load(path, false)
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway.Guard
	if g.Injection == nil || *g.Injection || !slices.Equal(g.DocumentTags, []string{"kb_article", "Page"}) {
		t.Errorf("default policy: injection %v, tags %q", g.Injection, g.DocumentTags)
	}
	if rag := g.Policies["rag"]; rag.Injection != nil || rag.DocumentTags != nil {
		t.Errorf("rag: injection %v, tags %#v (want both unset)", rag.Injection, rag.DocumentTags)
	}
	if plain := g.Policies["plain"]; plain.DocumentTags == nil || len(plain.DocumentTags) != 0 {
		t.Errorf("plain: tags %#v (want empty, not unset)", plain.DocumentTags)
	}

	write(`gateway:
  guard:
    document_tags: ["<document>", "", "search results"]
    policies:
      rag: {document_tags: [ok, "x>y"]}
`)
	_, err = Load(path, false)
	for _, want := range []string{
		`gateway.guard.document_tags[0]: "<document>" is not a tag name (write document for <document>`,
		`gateway.guard.document_tags[1]: "" is not a tag name`,
		`gateway.guard.document_tags[2]: "search results" is not a tag name`,
		`gateway.guard.policies.rag.document_tags[1]: "x>y" is not a tag name`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("bad tags: %v lacks %q", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), `"ok"`) {
		t.Errorf("a good tag reported: %v", err)
	}

	write("gateway:\n  guard:\n    document_tags: [" + strings.Repeat("d,", 64) + "d]\n")
	if _, err := Load(path, false); err == nil || !strings.Contains(err.Error(), "gateway.guard.document_tags: 65 tags (at most 64)") {
		t.Errorf("too many tags: %v", err)
	}

	write("gateway:\n  guard:\n    mode: block\n    document_tag: [kb]\n")
	if _, err := Load(path, false); err == nil || !strings.Contains(err.Error(), FileName+":4") || !strings.Contains(err.Error(), "document_tag") {
		t.Errorf("misspelt key: %v", err)
	}
	write("gateway:\n  guard:\n    injection: maybe\n")
	if _, err := Load(path, false); err == nil || !strings.Contains(err.Error(), FileName+":3") {
		t.Errorf("injection not a boolean: %v", err)
	}
}
