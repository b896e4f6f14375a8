package version

import "testing"

func TestPEP440Order(t *testing.T) {
	t.Parallel()
	checkIncreasing(t, "PyPI", []string{
		"0.9",
		"0.9.9",
		"1.0.dev0",
		"1.0.dev1",
		"1.0.dev10",
		"1.0a1.dev1",
		"1.0a1",
		"1.0a1.post1.dev1",
		"1.0a1.post1",
		"1.0a2",
		"1.0a10",
		"1.0b1.dev0",
		"1.0b1",
		"1.0rc1",
		"1.0rc2",
		"1.0",
		"1.0+abc",
		"1.0+abc.1",
		"1.0+abc.5",
		"1.0+abd",
		"1.0+1",
		"1.0+1.a",
		"1.0+2",
		"1.0+10",
		"1.0.post1.dev0",
		"1.0.post1",
		"1.0.post1+local",
		"1.0.post2",
		"1.0.1",
		"1.1a1",
		"1.1",
		"2.0",
		"10.0",
		"1!0.1",
		"1!1.0",
		"2!0.0.1",
	})
}

func TestPEP440Equal(t *testing.T) {
	t.Parallel()
	checkEqual(t, "PyPI", [][]string{
		{"1.0", "1.0.0", "1", "v1.0", "V1.0.0", "0!1.0", "01.00", " 1.0 "},
		{"1.0a1", "1.0alpha1", "1.0-a1", "1.0.a.1", "1.0_ALPHA_1", "1.0a01", "1.0.0a1", "1.0A1"},
		{"1.0b2", "1.0beta2", "1.0-beta.2", "1.0.b-2"},
		{"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1", "1.0.rc.1"},
		{"1.0a", "1.0a0", "1.0alpha", "1.0a."},
		{"2.0.0b1", "2.0.0-beta-1", "2.0.0.beta1"},
		{"1.0.post1", "1.0-1", "1.0post1", "1.0-r1", "1.0rev1", "1.0.POST.1", "1.0_post_1", "1.0.r.1"},
		{"1.0.post0", "1.0.post", "1.0-post", "1.0rev"},
		{"1.0.dev0", "1.0.dev", "1.0-dev0", "1.0dev", "1.0_DEV"},
		{"1.0a1.post2.dev3", "1.0-alpha.1-post.2-dev.3", "1.0a1-2.dev3"},
		{"1.0+abc.1", "1.0+ABC-1", "1.0+abc_1"},
		{"1.0+1", "1.0+01"},
	})
}

func TestPEP440Invalid(t *testing.T) {
	t.Parallel()
	checkInvalid(t, "PyPI", []string{
		"abc", "french toast", "1.0.", "1..0", ".1", "1.0-", "1.0_1",
		"1.0+", "1.0+abc.", "1.0+a..b", "1.0+a b", "1.0.post1.post2",
		"1.0a1a2", "1.0-foo", "1.0 beta", "!1.0", "1!", "1.0.dev1.post1",
		"1.0dev1a1", "1.0a1+", "v", "1.0.0-rc1-foo", "1.0.x",
	})
}

func TestPEP440KeepsSpellingInString(t *testing.T) {
	t.Parallel()
	if got, want := mustParse(t, "PyPI", "1.0-ALPHA.1").String(), "1.0-ALPHA.1"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
