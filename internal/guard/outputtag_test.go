package guard

import (
	"strings"
	"testing"
)

func TestLenientTags(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a ", 1500)
	runLinkCases(t, []linkCase{
		{"comment after src", "<div>\n<img src=\"https://evil.test/p.png?d=s\" <!-- -->>\n</div>", "evil.test",
			"<div>\n>\n</div>"},
		{"odd attribute before src", `<img x<y src="https://evil.test/p.png">`, "evil.test", ""},
		{"quote in attribute name", `<img a"b=1 src=//evil.test/x>`, "evil.test", ""},
		{"src glued to a symbol", `<img <src="https://evil.test/x">`, "evil.test", ""},
		{"src in odd name", `<img x"src="https://evil.test/x">`, "evil.test", ""},
		{"iframe", `<iframe {a} src='https://evil.test/'></iframe>`, "evil.test", "</iframe>"},
		{"video poster", `<video #x poster=https://evil.test/p.png>`, "evil.test", ""},
		{"srcset", `<source (x) srcset="https://evil.test/a.png 2x">`, "evil.test", ""},
		{"object data", `<object [x] data="https://evil.test/a.swf">`, "evil.test", ""},
		{"form action", `<form {x} action="https://evil.test/post">`, "evil.test", ""},
		{"style on any element", `<section x<y style="background:url(https://evil.test/x)">`, "evil.test", ""},
		{"meta refresh", `<meta {x} http-equiv=refresh content="0;url=https://evil.test">`, "evil.test", ""},
		{"odd tag name with style", `<x.y style="background:url(//evil.test/x)">`, "evil.test", ""},
		{"equals first", `<img = src=https://evil.test/x>`, "evil.test", ""},
		{"overlong fetching tag", "<img {x} " + long + ">", overlongDetail, ""},
		{"overlong after src", "<span {x} src=a " + long + ">", overlongDetail, ""},
		{"allowed", `<img {x} src="https://cdn.example.com/a.png">`, "", ""},
		{"no url attribute", `<img {...props} />`, "", ""},
		{"jsx", "```jsx\n<img src={logo} alt=\"\" {...rest} />\n<Foo.Bar onClick={() => a<b}>x</Foo.Bar>\n```", "", ""},
		{"comparisons", "if a<b && c>d then x<y || z>w", "", ""},
		{"long comparison", "a<b && c " + long + " and more", "", ""},
		{"markdown inside", "a<b [t](https://evil.test/x) c>", "evil.test", "a<b t c>"},
		{"unfinished at the end", `<img {x} src="https://evil.test/x"`, "", ""},
		{"risky tag deep inside others", strings.Repeat("<a {x} y=src ", 20) + "<img {x} y=1>", overlongDetail, ""},
		{"generics", "Use Vec<String> or Map<K, V> or List<? extends T> here.", "", ""},
	})
}
