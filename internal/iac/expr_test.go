package iac

import (
	"errors"
	"reflect"
	"testing"
)

func TestExpressions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want [][]string // contexts per expression
	}{
		{"plain", `echo "${{ github.event.issue.title }}"`, [][]string{{"github.event.issue.title"}}},
		{"index access", `${{ github.event['pull_request'].title }}`, [][]string{{"github.event.pull_request.title"}}},
		{"nested brackets", `${{ steps[format('{0}', matrix.names[inputs.idx])].outputs.digest }}`,
			[][]string{{"steps.*.outputs.digest", "matrix.names.*", "inputs.idx"}}},
		{"string with braces", `${{ format('}} {0} ''x''', env.NAME) }} and ${{ vars.B }}`,
			[][]string{{"env.name"}, {"vars.b"}}},
		{"filter", `${{ contains(github.event.pull_request.labels.*.name, 'safe') }}`,
			[][]string{{"github.event.pull_request.labels.*.name"}}},
		{"bracket star", `${{ needs.build.outputs[*] }}`, [][]string{{"needs.build.outputs.*"}}},
		{"operators and literals", `${{ github.ref == 'refs/heads/main' && !cancelled() || true }}`, [][]string{{"github.ref"}}},
		{"function chain", `${{ fromJSON(steps.meta.outputs.json).tags }}`, [][]string{{"steps.meta.outputs.json"}}},
		{"numbers", `${{ matrix.node >= 18.5 }}`, [][]string{{"matrix.node"}}},
		{"hyphenated names", `${{ steps.set-up.outputs.cache-hit }}`, [][]string{{"steps.set-up.outputs.cache-hit"}}},
		{"case folded", `${{ GitHub.Event.Comment.Body }}`, [][]string{{"github.event.comment.body"}}},
		{"deduplicated", `${{ env.A || env.A }}`, [][]string{{"env.a"}}},
		{"none", `echo plain $HOME`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Expressions(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var ctx [][]string
			for _, e := range got {
				if tt.in[e.Start:e.End] != e.Text {
					t.Errorf("text %q does not match offsets %d-%d", e.Text, e.Start, e.End)
				}
				ctx = append(ctx, e.Contexts)
			}
			if !reflect.DeepEqual(ctx, tt.want) {
				t.Errorf("got %q, want %q", ctx, tt.want)
			}
		})
	}
}

func TestExpressionsOffsets(t *testing.T) {
	t.Parallel()
	in := "a ${{ x.y }} b ${{ 'q}}' }}"
	got, err := Expressions(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []Expression{
		{Text: "${{ x.y }}", Start: 2, End: 12, Contexts: []string{"x.y"}},
		{Text: "${{ 'q}}' }}", Start: 15, End: 27},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestExpressionsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantLen int
	}{
		{"unterminated", "${{ github.sha }} then ${{ github.ref", 1},
		{"unterminated string", "${{ 'abc }}", 0},
		{"unbalanced bracket", "${{ github.event[ }}", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Expressions(tt.in)
			if err == nil {
				t.Fatalf("got no error, want one")
			}
			if len(got) != tt.wantLen {
				t.Errorf("got %d expressions before the error, want %d", len(got), tt.wantLen)
			}
		})
	}
	if _, err := Expressions("${{ x"); !errors.Is(err, ErrUnterminatedExpression) {
		t.Errorf("got %v, want ErrUnterminatedExpression", err)
	}
}

func FuzzExpressions(f *testing.F) {
	for _, s := range []string{
		"${{ github.event['pull_request'].title }}",
		"${{ contains(github.event.pull_request.labels.*.name, 'x') }}",
		"${{ format('}}''{0}', steps[inputs.a[0]].outputs.b) }}",
		"${{ [[[[ }}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := Expressions(s)
		prev := 0
		for _, e := range got {
			if e.Start < prev || e.End > len(s) || s[e.Start:e.End] != e.Text {
				t.Fatalf("bad offsets %d-%d for %q", e.Start, e.End, e.Text)
			}
			prev = e.End
		}
	})
}

func BenchmarkExpressions(b *testing.B) {
	s := `echo "${{ github.event.issue.title }}" && test "${{ contains(github.event.pull_request.labels.*.name, 'ok') }}"`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Expressions(s); err != nil {
			b.Fatal(err)
		}
	}
}
