package guard

import "testing"

func TestMetaRefresh(t *testing.T) {
	t.Parallel()
	runLinkCases(t, []linkCase{
		{"plain", `a <meta http-equiv="refresh" content="0;url=https://evil.test/?d=s"> b`, "evil.test", "a  b"},
		{"upper case, unquoted", `<META HTTP-EQUIV=Refresh CONTENT="0; URL = 'https://evil.test/'">`, "evil.test", ""},
		{"content first, spaces", `<meta content="5 ; url=https://evil.test" http-equiv="refresh">`, "evil.test", ""},
		{"comma, no url=", `<meta http-equiv='refresh' content='0,https://evil.test'>`, "evil.test", ""},
		{"fraction, quoted", `<meta http-equiv="refresh" content='1.5;URL="https://evil.test/x"'>`, "evil.test", ""},
		{"entity in http-equiv", `<meta http-equiv="&#114;efresh" content="0;url=https://evil.test">`, "evil.test", ""},
		{"entities in content", `<meta http-equiv="refresh" content="0;url=https&#58;//evil.test">`, "evil.test", ""},
		{"partial url word", `<meta http-equiv=refresh content="0; u https://evil.test">`, "evil.test", ""},
		{"self-closing", `<meta http-equiv="refresh" content="0;url=//evil.test/" />`, "evil.test", ""},
		{"allowed", `<meta http-equiv="refresh" content="0;url=https://example.com/x">`, "", ""},
		{"reload only", `<meta http-equiv="refresh" content="30">`, "", ""},
		{"not a refresh", `<meta name="description" content="0;url=https://evil.test">`, "", ""},
		{"content type", `<meta http-equiv="content-type" content="text/html; charset=utf-8">`, "", ""},
		{"charset", `<meta charset="utf-8">`, "", ""},
		{"prose", "Use a meta refresh, content=\"0;url=https://evil.test\", to redirect.", "", ""},
	})
}
