package version

// nuget is a NuGet version: one to four numeric parts (missing ones are 0,
// so 1.0 == 1.0.0 == 1.0.0.0), a SemVer 2 prerelease compared
// case-insensitively, and build metadata that does not count.
type nuget struct {
	s     string
	parts [4]string
	pre   string
	build string
}

func (v *nuget) String() string { return v.s }

func (v *nuget) order() order { return orderNuGet }

func (v *nuget) Compare(other Version) int {
	if o, ok := other.(*nuget); ok {
		return v.cmp(o)
	}
	return crossCompare(v, other)
}

func (v *nuget) parse(s string) string {
	*v = nuget{s: s}
	i := 0
	for k := 0; k < 4; k++ {
		var ok bool
		if v.parts[k], i, ok = numberAt(s, i); !ok {
			return "version part is not a number"
		}
		if k == 3 || i >= len(s) || s[i] != '.' {
			break
		}
		i++
	}
	var reason string
	v.pre, v.build, reason = scanPreBuild(s, i)
	return reason
}

func (v *nuget) cmp(o *nuget) int {
	for k := range v.parts {
		if c := cmpNum(v.parts[k], o.parts[k]); c != 0 {
			return c
		}
	}
	if c := cmpPresent(v.pre, o.pre, 1); c != 0 {
		return c
	}
	return cmpIdentifiers(v.pre, o.pre, true)
}
