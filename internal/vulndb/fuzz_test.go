package vulndb

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzIndex opens arbitrary bytes as an index file: it must be rejected
// as corrupt or read without panicking, whatever the bytes claim.
func FuzzIndex(f *testing.F) {
	dir := buildDB(f, "npm",
		rec("A-1", "npm", "lodash", semverRange(Event{Introduced: "0"}, Event{Fixed: "4.17.21"})),
		rec("A-2", "npm", "left-pad", semverRange(Event{Introduced: "1.0.0"}, Event{LastAffected: "1.2.0"})))
	good, err := os.ReadFile(filepath.Join(dir, fileName("npm")))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, fileName("npm")), data, 0o644); err != nil {
			t.Fatal(err)
		}
		db, err := Open(d)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v, want ErrCorrupt", err)
			}
			return
		}
		defer db.Close()
		advs, err := db.Advisories("npm", []string{"lodash", "left-pad", "x"})
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("Advisories = %v, want ErrCorrupt", err)
		}
		for _, as := range advs {
			for _, a := range as {
				a.Affects("npm", "lodash", "4.17.20")
				a.Rate("npm", "lodash")
			}
		}
	})
}

// FuzzAffects evaluates arbitrary range events against arbitrary
// versions: no panic, and the answer does not depend on event order.
func FuzzAffects(f *testing.F) {
	f.Add("npm", "1.2.3", "0", "1.3.0", "", "")
	f.Add("PyPI", "2.0.post1", "1.0", "", "2.0", "")
	f.Add("Maven", "2.14.1", "2.0-beta9", "2.15.0", "", "3")
	f.Add("Go", "v0.0.0-20220101000000-abcdef123456", "0", "0.7.0", "", "")
	f.Fuzz(func(t *testing.T, eco, ver, intro, fixed, last, limit string) {
		events := []Event{{Introduced: intro}, {Fixed: fixed}, {LastAffected: last}, {Limit: limit}}
		reversed := []Event{{Limit: limit}, {LastAffected: last}, {Fixed: fixed}, {Introduced: intro}}
		for _, typ := range []string{"SEMVER", "ECOSYSTEM"} {
			a := adv(eco, "p", Affected{Ranges: []Range{{Type: typ, Events: events}}})
			b := adv(eco, "p", Affected{Ranges: []Range{{Type: typ, Events: reversed}}})
			got, _ := a.Affects(eco, "p", ver)
			again, _ := b.Affects(eco, "p", ver)
			if got != again {
				t.Fatalf("%s %s range %v: %v, reversed %v", eco, ver, events, got, again)
			}
		}
	})
}
