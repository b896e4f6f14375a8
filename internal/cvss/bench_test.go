package cvss

import "testing"

func BenchmarkScore(b *testing.B) {
	vectors := []struct{ name, vector string }{
		{"v2", "AV:N/AC:M/Au:N/C:C/I:C/A:C"},
		{"v3.0", "CVSS:3.0/AV:A/AC:H/PR:H/UI:N/S:C/C:H/I:H/A:H"},
		{"v3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"},
		{"v4.0", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"},
		{"v4.0 full", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P/CR:L/IR:H/AR:L/MAV:L/MAC:H/MAT:N/MPR:N/MUI:N/MVC:N/MVI:H/MVA:L/MSC:N/MSI:S/MSA:L/S:P/AU:Y/R:A/V:C/RE:L/U:Amber"},
	}
	for _, v := range vectors {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(v.vector)))
			for b.Loop() {
				if _, err := Score(v.vector); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
