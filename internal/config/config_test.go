package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	t.Parallel()
	tests := map[string]int64{"10MiB": 10 << 20, "512k": 512 << 10, "1048576": 1 << 20, "2 GiB": 2 << 30, "7b": 7}
	for in, want := range tests {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ten", "-1", "5TB", "99999999999999999999G"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if c, err := Load(path, true); err != nil || c.Scan.FailOn != "low" {
		t.Fatalf("missing optional file: %+v %v", c, err)
	}
	if _, err := Load(path, false); err == nil {
		t.Error("missing required file accepted")
	}
	os.WriteFile(path, []byte("scan:\n  fail_on: high\n  exclude: [a/**]\n  secrets:\n    decode_depth: 0\n"), 0o644)
	c, err := Load(path, false)
	if err != nil || c.Scan.FailOn != "high" || *c.Scan.Secrets.DecodeDepth != 0 || c.Scan.Format != "table" {
		t.Errorf("Load = %+v, %v", c.Scan, err)
	}
	os.WriteFile(path, []byte("scan:\n  fail_on: dire\n  scanners: [secret, magic]\n  max_file_size: big\n"), 0o644)
	_, err = Load(path, false)
	for _, want := range []string{"fail_on", "magic", "max_file_size"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("all problems at once: %v lacks %q", err, want)
		}
	}
	os.WriteFile(path, []byte("scan:\n  format: json\n  colour: true\n"), 0o644)
	if _, err := Load(path, false); err == nil || !strings.Contains(err.Error(), FileName+":3") {
		t.Errorf("unknown key: %v", err)
	}
}
