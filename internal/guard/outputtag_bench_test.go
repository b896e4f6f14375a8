package guard

import (
	"strings"
	"testing"
)

// BenchmarkOutputCheckerHostileTags feeds tags that CommonMark's grammar
// rejects and that never close, each read leniently up to MaxConstruct.
func BenchmarkOutputCheckerHostileTags(b *testing.B) {
	answer := truncateUTF8(strings.Repeat("<a {x} ", 16<<10/7+1), 16<<10)
	benchmarkOutputText(b, answer, OutputOptions{AllowedDomains: []string{"example.com"}, StripLinks: true})
}

// BenchmarkOutputCheckerStyle streams answers with style attributes and a
// <style> element.
func BenchmarkOutputCheckerStyle(b *testing.B) {
	unit := `<div style="background:url(https://cdn.example.com/a.png); color: red">x</div>` + "\n<style>\n.a { background-image: url('https://example.com/b.png'); font-family: \"Helvetica Neue\", Arial }\n</style>\n"
	answer := truncateUTF8(strings.Repeat(unit, 16<<10/len(unit)+1), 16<<10)
	benchmarkOutputText(b, answer, OutputOptions{AllowedDomains: []string{"example.com"}, StripLinks: true})
}

// BenchmarkOutputCheckerHostileTagsNamed is BenchmarkOutputCheckerHostileTags
// with the name of a URL attribute in a value, which the reading of each
// '<' inside the tag must consider.
func BenchmarkOutputCheckerHostileTagsNamed(b *testing.B) {
	answer := truncateUTF8(strings.Repeat("<a {x} y=src ", 16<<10/13+1), 16<<10)
	benchmarkOutputText(b, answer, OutputOptions{AllowedDomains: []string{"example.com"}, StripLinks: true})
}
