package guard

import (
	"strings"
	"testing"
)

// benchAnswer is about 16 KB of answer text with markdown, links to an
// allowed host and code, and no leak.
func benchAnswer() string {
	return truncateUTF8(strings.Repeat(topicalAnswer+"\n\n"+benignMix, 8), 16<<10)
}

// benchmarkOutput feeds the answer in 20-byte chunks, as a stream of
// model deltas. Besides ns/op it reports process CPU time per KB of
// answer (cpu-µs/KB), which holds steady when other work shares the
// machine.
func benchmarkOutput(b *testing.B, o OutputOptions) { benchmarkOutputText(b, benchAnswer(), o) }

// benchmarkOutputText streams answer in 20-byte chunks.
func benchmarkOutputText(b *testing.B, answer string, o OutputOptions) {
	b.ReportAllocs()
	b.SetBytes(int64(len(answer)))
	start := processCPU()
	for b.Loop() {
		c := NewOutputChecker(o)
		for i := 0; i < len(answer); i += 20 {
			c.Write(answer[i:min(i+20, len(answer))])
		}
		c.Flush()
	}
	reportCPUPerKB(b, processCPU()-start, len(answer))
}

func BenchmarkOutputChecker(b *testing.B) {
	benchmarkOutput(b, OutputOptions{Canary: NewCanary(), System: supportPrompt,
		AllowedDomains: []string{"example.com"}, StripLinks: true})
}

func BenchmarkOutputCheckerLinksOnly(b *testing.B) {
	benchmarkOutput(b, OutputOptions{AllowedDomains: []string{"example.com"}, StripLinks: true})
}

func BenchmarkOutputCheckerOneShot(b *testing.B) {
	answer := benchAnswer()
	o := OutputOptions{Canary: NewCanary(), System: supportPrompt, AllowedDomains: []string{"example.com"}, StripLinks: true}
	b.ReportAllocs()
	b.SetBytes(int64(len(answer)))
	for b.Loop() {
		CheckOutput(answer, o)
	}
}

// BenchmarkOutputCheckerHostile feeds runs of '[' and tags that never
// finish, re-parsed as chunks arrive until MaxConstruct bytes decide them:
// the worst case of the link check.
func BenchmarkOutputCheckerHostile(b *testing.B) {
	unit := strings.Repeat("[", 512) + `x <img alt="` + strings.Repeat("y", MaxConstruct)
	answer := truncateUTF8(strings.Repeat(unit, 16<<10/len(unit)+1), 16<<10)
	o := OutputOptions{Canary: NewCanary(), System: supportPrompt, AllowedDomains: []string{"example.com"}, StripLinks: true}
	b.ReportAllocs()
	b.SetBytes(int64(len(answer)))
	for b.Loop() {
		c := NewOutputChecker(o)
		for i := 0; i < len(answer); i += 20 {
			c.Write(answer[i:min(i+20, len(answer))])
		}
		c.Flush()
	}
}

// BenchmarkOutputCheckerUnicode streams Chinese and Russian text, which
// goes through rune decoding and folding rather than the ASCII paths.
func BenchmarkOutputCheckerUnicode(b *testing.B) {
	answer := truncateUTF8(strings.Repeat("您好，我想了解一下如何冻结我的借记卡。谢谢！Привет, как дела? ", 400), 16<<10)
	benchmarkOutputText(b, answer, OutputOptions{Canary: NewCanary(), System: supportPrompt,
		AllowedDomains: []string{"example.com"}, StripLinks: true})
}

// BenchmarkNewOutputChecker measures setting up the checks for one answer,
// mostly hashing the system prompt's shingles.
func BenchmarkNewOutputChecker(b *testing.B) {
	o := OutputOptions{Canary: NewCanary(), System: supportPrompt, AllowedDomains: []string{"example.com"}}
	b.ReportAllocs()
	for b.Loop() {
		NewOutputChecker(o)
	}
}
