package checks

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wardsec/ward/internal/iac"
)

// fixtureDocument joins the resources of every fixture of a kind into one
// document: a few hundred resources of every type the checks judge.
func fixtureDocument(b *testing.B, c *Catalog, kind iac.Kind) iac.Document {
	b.Helper()
	doc := iac.Document{Kind: kind, Path: "bench"}
	for _, ch := range c.Checks() {
		if ch.Kind != kind {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("testdata", ch.ID, "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			d, err := parseFixture(kind, f, data)
			if err == nil && d.Kind == kind {
				doc.Resources = append(doc.Resources, d.Resources...)
			}
		}
	}
	return doc
}

func benchmarkEvaluate(b *testing.B, kind iac.Kind) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	e, err := c.Compile(context.Background(), kind, nil)
	if err != nil {
		b.Fatal(err)
	}
	doc := fixtureDocument(b, c, kind)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Evaluate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Resources)), "resources")
}

func BenchmarkEvaluateTerraform(b *testing.B)     { benchmarkEvaluate(b, iac.Terraform) }
func BenchmarkEvaluateKubernetes(b *testing.B)    { benchmarkEvaluate(b, iac.Kubernetes) }
func BenchmarkEvaluateDockerfile(b *testing.B)    { benchmarkEvaluate(b, iac.Dockerfile) }
func BenchmarkEvaluateGitHubActions(b *testing.B) { benchmarkEvaluate(b, iac.GitHubActions) }

func BenchmarkCompileTerraform(b *testing.B) {
	c, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Compile(context.Background(), iac.Terraform, nil); err != nil {
			b.Fatal(err)
		}
	}
}
