package guard

import (
	"strings"
	"testing"
	"time"
)

// benignMix is ordinary prompt text of several kinds: prose, a request with
// code, markdown with a link, an email and a table.
const benignMix = `Can you summarise the following email for me and suggest a short reply?

From: Maria Lopez <maria@example.com>
Subject: Q3 planning

Hi team, the quarterly planning meeting moves to Thursday at 10:30 in room 4B. Please bring
your updated estimates; we will review the roadmap, the hiring plan and the budget for 2025.

Here is the function that fails:
` + "```python" + `
def total(items):
    return sum(i.price * i.qty for i in items if i.qty > 0)
` + "```" + `
It raises TypeError when price is None. See [the docs](https://docs.example.com/api?page=2) and
![chart](https://example.com/chart.png).

| Region | Revenue | Growth |
|--------|---------|--------|
| EMEA   | 1.2M    | 4%     |
| APAC   | 0.9M    | 7%     |

Imagine you are a tour guide in Lisbon: describe three places to visit and what to eat there.
`

// benchText returns benign text of about n bytes.
func benchText(n int) string {
	s := strings.Repeat(benignMix, n/len(benignMix)+1)
	return truncateUTF8(s, n)
}

// benchmarkLayer measures Normalize then Signatures on n bytes of benign
// text. Besides ns/op it reports process CPU time per KB of input
// (cpu-µs/KB), which holds steady when other work shares the machine.
func benchmarkLayer(b *testing.B, n int) {
	text := benchText(n)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	start := processCPU()
	for b.Loop() {
		Signatures(Normalize(text))
	}
	reportCPUPerKB(b, processCPU()-start, len(text))
}

// reportCPUPerKB reports cpu, the process CPU time of b.N calls on n bytes
// each, as cpu-µs/KB (nothing if the platform does not measure it).
func reportCPUPerKB(b *testing.B, cpu time.Duration, n int) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/1e3/float64(b.N)/(float64(n)/1024), "cpu-µs/KB")
	}
}

func BenchmarkSignatureLayer1KB(b *testing.B)  { benchmarkLayer(b, 1<<10) }
func BenchmarkSignatureLayer16KB(b *testing.B) { benchmarkLayer(b, 16<<10) }

func BenchmarkNormalize16KB(b *testing.B) {
	text := benchText(16 << 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Normalize(text)
	}
}

func BenchmarkSignatureLayerUnicode16KB(b *testing.B) {
	text := truncateUTF8(strings.Repeat("Привет, мир! Ｆｕｌｌｗｉｄｔｈ text and café ünïcödé — "+benignMix, 20), 16<<10)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Signatures(Normalize(text))
	}
}
