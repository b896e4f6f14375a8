package redact_test

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/secrets"
	"github.com/wardsec/ward/internal/testenv"
)

// credentials make credential-shaped strings of a few of Ward's secret
// rules at run time (never literals in the repository), with what may
// stand before them.
var credentials = testenv.FakeCredentials

var credentialLeads = []string{"", "", "api_key=", "token: ", "export AWS_ACCESS_KEY_ID=", "Bearer ", "\""}

// TestPropertyRedactionHidesValuesAndSecrets: with Ward's secret rules as
// the extra detector, as `ward guard check` and the gateway use them,
// masking or pseudonymising text of personal data, numbers next to it
// (a CVV, a year, another value) and credentials (some next to a number
// too) leaves no detected value's full text in the output, in one piece
// or streamed.
func TestPropertyRedactionHidesValuesAndSecrets(t *testing.T) {
	t.Parallel()
	det, err := secrets.New(secrets.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(21, 22))
	inserted, found := 0, 0
	for i := 0; i < 300; i++ {
		text, _ := redact.Composition(r, 1+r.IntN(5))
		words := strings.Split(text, " ")
		var creds []string
		for range 1 + r.IntN(3) {
			c := credentials[r.IntN(len(credentials))](r)
			creds = append(creds, c)
			w := credentialLeads[r.IntN(len(credentialLeads))] + c
			if r.IntN(3) == 0 {
				w += " " + strconv.Itoa(r.IntN(10000))
			}
			words = slices.Insert(words, r.IntN(len(words)+1), w)
		}
		text = strings.Join(words, " ")
		dms := det.Find(text)
		for _, c := range creds {
			inserted++
			for _, m := range dms {
				if text[m.Start:m.End] == c {
					found++
					break
				}
			}
		}
		for _, act := range []redact.Action{redact.Mask, redact.Pseudonymise} {
			p := redact.Policy{redact.TypeSecret: act}
			for _, typ := range redact.AllTypes {
				p[typ] = act
			}
			o := redact.Options{Policy: p, Extra: det, Window: 2 * redact.Window}
			if act == redact.Pseudonymise {
				o.Vault = redact.NewVault()
			}
			ms := o.Detect(text)
			out, _ := redact.Redact(text, o)
			if bad := redact.Survivors(text, out, ms); len(bad) > 0 {
				t.Fatalf("%v left %q in %q (from %q)", act, bad, out, text)
			}
			if act != redact.Mask {
				continue
			}
			s := redact.NewStreamRedactor(o)
			var streamed bytes.Buffer
			for k := 0; k < len(text); k += 61 {
				streamed.Write(s.Write([]byte(text[k:min(k+61, len(text))])))
			}
			streamed.Write(s.Flush())
			if streamed.String() != out {
				t.Fatalf("streamed %q\nwant %q (as Redact gives)", streamed.String(), out)
			}
		}
	}
	if found*10 < inserted*9 {
		t.Fatalf("the secret rules found %d of %d generated credentials: the property was hardly tested", found, inserted)
	}
	t.Logf("%d of %d generated credentials found", found, inserted)
}
