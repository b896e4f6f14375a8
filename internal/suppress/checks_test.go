package suppress

import (
	"strings"
	"testing"
)

func TestCheckForms(t *testing.T) {
	ids := []string{"aws-s3-public", "CKV_AWS_20", "AVD-AWS-0092", "57b9893d-33b1-4419-bcea-a717ea87e139"}
	tests := []struct {
		name       string
		src        string
		line       int
		start, end int
		want       string
		ok         bool
	}{
		{"ward on the line", "resource \"a\" \"b\" {\n  acl = \"public-read\" # ward:ignore aws-s3-public static site\n}", 2, 1, 3, "static site", true},
		{"ward above the block", "# ward:ignore aws-s3-public,other reviewed\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "reviewed", true},
		{"ward by a related id", "resource \"a\" \"b\" {\n  # ward:ignore CKV_AWS_20 migrated from checkov\n  acl = \"x\"\n}", 3, 1, 4, "migrated from checkov", true},
		{"ward for another check", "resource \"a\" \"b\" {\n  acl = \"x\" # ward:ignore other-check\n}", 2, 1, 3, "", false},
		{"checkov inside the block", "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_20:website bucket\n  acl = \"x\"\n}", 3, 1, 4, "website bucket", true},
		{"checkov without reason", "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_20\n  acl = \"x\"\n}", 3, 1, 4, "checkov:skip=CKV_AWS_20", true},
		{"checkov outside the block", "#checkov:skip=CKV_AWS_20:x\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "", false},
		{"trivy above the block", "#trivy:ignore:AVD-AWS-0092\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "trivy:ignore:AVD-AWS-0092", true},
		{"trivy other id", "#trivy:ignore:AVD-AWS-0001\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "", false},
		{"kics line", "resource \"a\" \"b\" {\n  # kics-scan ignore-line\n  acl = \"x\"\n}", 3, 1, 4, "kics-scan ignore-line", true},
		{"kics block", "# kics-scan ignore-block\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "kics-scan ignore-block", true},
		{"kics file", "# kics-scan ignore\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "kics-scan ignore", true},
		{"kics disable", "# kics-scan disable=57b9893d-33b1-4419-bcea-a717ea87e139\nresource \"a\" \"b\" {\n  acl = \"x\"\n}", 3, 2, 4, "kics-scan disable=57b9893d-33b1-4419-bcea-a717ea87e139", true},
		{"kics file form after code", "resource \"a\" \"b\" {\n  acl = \"x\"\n}\n# kics-scan ignore", 2, 1, 3, "", false},
		{"nothing", "resource \"a\" \"b\" {\n  acl = \"x\"\n}", 2, 1, 3, "", false},
		{"out of range", "", 40, 30, 50, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Check(strings.Split(tt.src, "\n"), CheckTarget{IDs: ids, Line: tt.line, Start: tt.start, End: tt.end})
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("#checkov:skip=CKV_AWS_20:x\nacl = 1 # ward:ignore a\n# kics-scan disable=a,b", 2, 1, 3)
	f.Fuzz(func(t *testing.T, src string, line, start, end int) {
		lines := strings.Split(src, "\n")
		if end-start > 10_000 {
			end = start + 10_000
		}
		Check(lines, CheckTarget{IDs: []string{"a", "CKV_AWS_20"}, Line: line, Start: start, End: end})
	})
}
