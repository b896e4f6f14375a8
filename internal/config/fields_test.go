package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGatewayFields: unknown_fields defaults to reject, takes reject or
// forward and nothing else, and extra_fields lists field names.
func TestGatewayFields(t *testing.T) {
	t.Parallel()
	if d := Default().Gateway; d.UnknownFields != UnknownFieldsReject || d.ExtraFields != nil {
		t.Errorf("default %q %v", d.UnknownFields, d.ExtraFields)
	}
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("gateway:\n  unknown_fields: forward\n  extra_fields: [top_k, min_p]\n"), 0o600)
	c, err := Load(path, false)
	if err != nil || c.Gateway.UnknownFields != UnknownFieldsForward || !slices.Equal(c.Gateway.ExtraFields, []string{"top_k", "min_p"}) {
		t.Errorf("Load = %q %v, %v", c.Gateway.UnknownFields, c.Gateway.ExtraFields, err)
	}
	os.WriteFile(path, []byte("gateway:\n  unknown_fields: drop\n  extra_fields: [top_k, \"\", \"a\\nb\"]\n"), 0o600)
	_, err = Load(path, false)
	for _, want := range []string{
		path + `:2: gateway.unknown_fields: "drop" (want reject or forward)`,
		path + `:3: gateway.extra_fields[1]: "" is not a field name`,
		`gateway.extra_fields[2]: "a\nb" is not a field name`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load error lacks %q:\n%v", want, err)
		}
	}
	os.WriteFile(path, []byte("gateway:\n  max_body: 1MiB\n  unknown_field: forward\n"), 0o600)
	if _, err := Load(path, false); err == nil || !strings.Contains(err.Error(), FileName+":3") {
		t.Errorf("a misspelt key: %v", err)
	}
}
