package secrets

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// benchInput is real source text: the Go standard library's net/http.
func benchInput(b *testing.B) [][]byte {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "net", "http", "*.go"))
	var out [][]byte
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			out = append(out, data)
		}
	}
	if len(out) == 0 {
		b.Skip("no Go source tree to read")
	}
	return out
}

// benchEach reports throughput over the inputs' total size.
func benchEach(b *testing.B, inputs [][]byte) {
	var n int64
	for _, in := range inputs {
		n += int64(len(in))
	}
	b.SetBytes(n)
	b.ReportAllocs()
}

func benchScan(b *testing.B, d *Detector) {
	inputs := benchInput(b)
	benchEach(b, inputs)
	for b.Loop() {
		for _, in := range inputs {
			d.Scan(Target{Path: "x.go"}, in)
		}
	}
}

// BenchmarkScan is the throughput of all built-in rules on source code.
func BenchmarkScan(b *testing.B) { benchScan(b, defaultDetector(b)) }

// BenchmarkScanNoDecode is the same without decoding encoded values.
func BenchmarkScanNoDecode(b *testing.B) {
	d, err := New(Options{DecodeDepth: 0})
	if err != nil {
		b.Fatal(err)
	}
	benchScan(b, d)
}

// BenchmarkKeywordPass is the Aho-Corasick pass alone.
func BenchmarkKeywordPass(b *testing.B) {
	d := defaultDetector(b)
	inputs := benchInput(b)
	benchEach(b, inputs)
	hits := 0
	for b.Loop() {
		for _, in := range inputs {
			d.matcher.scan(in, nil, func(int32, int) { hits++ })
		}
	}
}

// BenchmarkDecodePass finds encoded runs alone.
func BenchmarkDecodePass(b *testing.B) {
	inputs := benchInput(b)
	benchEach(b, inputs)
	for b.Loop() {
		for _, in := range inputs {
			encodedSegments(in)
		}
	}
}

// denseLine is one minified line of assignments, each a keyword hit with a
// candidate value: the input that makes naive window handling quadratic.
func denseLine(n int) []byte {
	var b []byte
	for i := range n {
		b = fmt.Appendf(b, "password=Zq%06dXy9w;", i)
	}
	return b
}

// BenchmarkScanDenseLine guards against per-hit work that grows with the
// line's length.
func BenchmarkScanDenseLine(b *testing.B) {
	d := defaultDetector(b)
	in := denseLine(20000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(Target{Path: "bundle.min.js"}, in)
	}
}
