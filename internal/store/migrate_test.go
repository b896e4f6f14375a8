package store

import (
	"fmt"
	"strings"
	"testing"
)

func TestMigrationsMatchAcrossDialects(t *testing.T) {
	t.Parallel()
	lite, err := migrations(dialectSQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrations(dialectPostgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("%d sqlite and %d postgres migrations; want the same, at least one", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Name != pg[i].Name {
			t.Errorf("migration %d is %s in sqlite, %s in postgres", i+1, lite[i].Name, pg[i].Name)
		}
		for _, table := range []string{"keys", "usage", "events"} {
			if i == 0 && !strings.Contains(lite[i].SQL, "CREATE TABLE "+table) {
				t.Errorf("first migration lacks table %s", table)
			}
		}
	}
}

func TestPending(t *testing.T) {
	t.Parallel()
	ms := []migration{{Version: 1, Name: "0001_a"}, {Version: 2, Name: "0002_b"}}
	tests := []struct {
		applied map[int]bool
		want    int
		wantErr bool
	}{
		{map[int]bool{}, 2, false},
		{map[int]bool{1: true}, 1, false},
		{map[int]bool{1: true, 2: true}, 0, false},
		{map[int]bool{1: true, 2: true, 3: true}, 0, true}, // a newer ward migrated it
	}
	for _, tt := range tests {
		got, err := pending(ms, tt.applied)
		if (err != nil) != tt.wantErr || len(got) != tt.want {
			t.Errorf("pending(%v) = %d, %v; want %d, error %v", tt.applied, len(got), err, tt.want, tt.wantErr)
		}
	}
}

func TestCheckSequence(t *testing.T) {
	t.Parallel()
	if err := checkSequence("x", []migration{{Version: 1}, {Version: 3}}); err == nil {
		t.Error("a gap in migration versions passed")
	}
	if err := checkSequence("x", []migration{{Version: 1}, {Version: 2}}); err != nil {
		t.Errorf("checkSequence(1, 2) = %v", err)
	}
}

func TestChunks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n, size int
		want    string
	}{
		{0, 3, "[]"},
		{3, 3, "[[0 3]]"},
		{7, 3, "[[0 3] [3 6] [6 7]]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(chunks(tt.n, tt.size)); got != tt.want {
			t.Errorf("chunks(%d, %d) = %s, want %s", tt.n, tt.size, got, tt.want)
		}
	}
}
