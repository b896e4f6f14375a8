package authn

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// testKey is a signing key generated at test time.
type testKey struct {
	kid  string
	alg  string
	priv crypto.Signer
	// jwkAlg, when set, is published as the JWK's alg parameter.
	jwkAlg string
	// use, when set, is published as the JWK's use parameter.
	use string
}

func newRSAKey(t testing.TB, kid string, bits int) *testKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	return &testKey{kid: kid, alg: "RS256", priv: k}
}

func newECKey(t testing.TB, kid string) *testKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &testKey{kid: kid, alg: "ES256", priv: k}
}

func newEdKey(t testing.TB, kid string) *testKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &testKey{kid: kid, alg: "EdDSA", priv: k}
}

// jwk is the key's public JWK.
func (k *testKey) jwk(t testing.TB) jwk.Key {
	t.Helper()
	j, err := jwk.Import(k.priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	must(t, j.Set(jwk.KeyIDKey, k.kid))
	if k.jwkAlg != "" {
		a, ok := jwa.LookupSignatureAlgorithm(k.jwkAlg)
		if !ok {
			t.Fatalf("unknown alg %s", k.jwkAlg)
		}
		must(t, j.Set(jwk.AlgorithmKey, a))
	}
	if k.use != "" {
		must(t, j.Set(jwk.KeyUsageKey, k.use))
	}
	return j
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// sign makes a compact JWS of claims with the key's alg and kid.
func (k *testKey) sign(t testing.TB, claims map[string]any) string {
	t.Helper()
	return signToken(t, k.priv, map[string]any{"alg": k.alg, "kid": k.kid, "typ": "JWT"}, claims)
}

func b64(v any) string {
	js, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(js)
}

// signToken signs hdr and claims with priv under hdr["alg"].
func signToken(t testing.TB, priv crypto.Signer, hdr, claims map[string]any) string {
	t.Helper()
	input := b64(hdr) + "." + b64(claims)
	sig, err := rawSign(priv, hdr["alg"].(string), []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func rawSign(priv crypto.Signer, alg string, input []byte) ([]byte, error) {
	sum := sha256.Sum256(input)
	switch alg {
	case "RS256":
		return rsa.SignPKCS1v15(rand.Reader, priv.(*rsa.PrivateKey), crypto.SHA256, sum[:])
	case "PS256":
		return rsa.SignPSS(rand.Reader, priv.(*rsa.PrivateKey), crypto.SHA256, sum[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	case "ES256":
		r, s, err := ecdsa.Sign(rand.Reader, priv.(*ecdsa.PrivateKey), sum[:])
		if err != nil {
			return nil, err
		}
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		s.FillBytes(out[32:])
		return out, nil
	case "EdDSA":
		return ed25519.Sign(priv.(ed25519.PrivateKey), input), nil
	}
	return nil, errors.New("rawSign: unsupported alg " + alg)
}

// issuer is an httptest OIDC issuer serving discovery and a swappable
// JWKS, counting JWKS fetches.
type issuer struct {
	srv     *httptest.Server
	mu      sync.Mutex
	jwks    []byte
	disco   map[string]any
	status  int
	fetches atomic.Int32
}

func newIssuer(t testing.TB, keys ...*testKey) *issuer {
	t.Helper()
	is := &issuer{status: http.StatusOK}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", is.serveDisco)
	mux.HandleFunc("/jwks", is.serveJWKS)
	mux.Handle("/moved", http.RedirectHandler("http://keys.example.com/jwks", http.StatusFound))
	is.srv = httptest.NewServer(mux)
	t.Cleanup(is.srv.Close)
	is.disco = map[string]any{"issuer": is.srv.URL, "jwks_uri": is.srv.URL + "/jwks"}
	is.setKeys(t, keys...)
	return is
}

func (is *issuer) serveDisco(w http.ResponseWriter, _ *http.Request) {
	is.mu.Lock()
	defer is.mu.Unlock()
	_ = json.NewEncoder(w).Encode(is.disco)
}

func (is *issuer) serveJWKS(w http.ResponseWriter, _ *http.Request) {
	is.fetches.Add(1)
	is.mu.Lock()
	defer is.mu.Unlock()
	w.WriteHeader(is.status)
	_, _ = w.Write(is.jwks)
}

// setKeys replaces the published keys.
func (is *issuer) setKeys(t testing.TB, keys ...*testKey) {
	t.Helper()
	set := jwk.NewSet()
	for _, k := range keys {
		must(t, set.AddKey(k.jwk(t)))
	}
	js, err := json.Marshal(set)
	must(t, err)
	is.mu.Lock()
	is.jwks = js
	is.mu.Unlock()
}

// fixture is an OIDC verifier in front of an issuer with an RSA and an
// EC key.
type fixture struct {
	is      *issuer
	o       *OIDC
	rsa, ec *testKey
	now     time.Time
}

func newFixture(t testing.TB, edit func(*OIDCConfig)) *fixture {
	t.Helper()
	f := &fixture{rsa: newRSAKey(t, "rsa-1", 2048), ec: newECKey(t, "ec-1")}
	f.is = newIssuer(t, f.rsa, f.ec)
	cfg := OIDCConfig{
		Issuer:   f.is.srv.URL,
		Audience: []string{"ward", "other"},
		ClaimMap: ClaimMap{Name: "repository", Team: "repository_owner", DefaultLimits: &Limits{RPM: 7}},
	}
	if edit != nil {
		edit(&cfg)
	}
	o, err := NewOIDC(context.Background(), cfg, f.is.srv.Client())
	must(t, err)
	f.o, f.now = o, time.Now()
	return f
}

// claims are GitHub-Actions-like claims valid at now.
func (f *fixture) claims(edit func(map[string]any)) map[string]any {
	c := map[string]any{
		"iss": f.is.srv.URL, "aud": "ward",
		"sub":        "repo:acme/api:ref:refs/heads/main",
		"repository": "acme/api", "repository_owner": "acme", "ref": "refs/heads/main",
		"run_id": json.Number("42"), "workflow": "ci",
		"iat": f.now.Unix() - 5, "nbf": f.now.Unix() - 5, "exp": f.now.Unix() + 300,
	}
	if edit != nil {
		edit(c)
	}
	return c
}

func TestVerifyValid(t *testing.T) {
	f := newFixture(t, nil)
	for _, k := range []*testKey{f.rsa, f.ec} {
		t.Run(k.alg, func(t *testing.T) {
			p, err := f.o.Verify(context.Background(), k.sign(t, f.claims(nil)), f.now)
			must(t, err)
			want := Principal{
				Subject: "repo:acme/api:ref:refs/heads/main", Name: "acme/api", Team: "acme",
				Limits: Limits{RPM: 7}, ExpiresAt: time.Unix(f.now.Unix()+300, 0).UTC(), Kind: KindJWT,
			}
			if p.Subject != want.Subject || p.Name != want.Name || p.Team != want.Team || p.Kind != want.Kind ||
				p.KeyID != "" || p.Limits.RPM != 7 || !p.ExpiresAt.Equal(want.ExpiresAt) {
				t.Fatalf("principal = %+v, want %+v", *p, want)
			}
		})
	}
}

func TestVerifyEdDSA(t *testing.T) {
	ed := newEdKey(t, "ed-1")
	is := newIssuer(t, ed)
	o, err := NewOIDC(context.Background(), OIDCConfig{
		Issuer: is.srv.URL, Audience: []string{"ward"}, Algorithms: []string{"EdDSA"},
		ClaimMap: ClaimMap{DefaultLimits: &Limits{}},
	}, is.srv.Client())
	must(t, err)
	now := time.Now()
	tok := ed.sign(t, map[string]any{"iss": is.srv.URL, "aud": []string{"ward"}, "sub": "svc", "exp": now.Unix() + 60})
	p, err := o.Verify(context.Background(), tok, now)
	must(t, err)
	if p.Subject != "svc" || p.Name != "svc" || p.Team != "" {
		t.Fatalf("principal = %+v", *p)
	}
}

// tokenCase is a token made from the fixture and the error Verify must
// return for it (nil: accepted).
type tokenCase struct {
	name string
	tok  func(t *testing.T, f *fixture) string
	at   time.Duration // offset of now
	want error
}

func withClaims(edit func(f *fixture, c map[string]any)) func(*testing.T, *fixture) string {
	return func(t *testing.T, f *fixture) string {
		return f.rsa.sign(t, f.claims(func(c map[string]any) { edit(f, c) }))
	}
}

func claimCases() []tokenCase {
	return []tokenCase{
		{name: "wrong iss", want: ErrIssuer, tok: withClaims(func(_ *fixture, c map[string]any) { c["iss"] = "https://evil.example" })},
		{name: "iss with slash", want: ErrIssuer, tok: withClaims(func(f *fixture, c map[string]any) { c["iss"] = f.is.srv.URL + "/" })},
		{name: "no iss", want: ErrIssuer, tok: withClaims(func(_ *fixture, c map[string]any) { delete(c, "iss") })},
		{name: "wrong aud", want: ErrAudience, tok: withClaims(func(_ *fixture, c map[string]any) { c["aud"] = "someone-else" })},
		{name: "no aud", want: ErrAudience, tok: withClaims(func(_ *fixture, c map[string]any) { delete(c, "aud") })},
		{name: "aud list with ours", tok: withClaims(func(_ *fixture, c map[string]any) { c["aud"] = []string{"x", "other"} })},
		{name: "aud list without ours", want: ErrAudience, tok: withClaims(func(_ *fixture, c map[string]any) { c["aud"] = []string{"x", "y"} })},
		{name: "expired beyond skew", want: ErrExpired, tok: withClaims(func(f *fixture, c map[string]any) { c["exp"] = f.now.Unix() - 61 })},
		{name: "expired within skew", tok: withClaims(func(f *fixture, c map[string]any) { c["exp"] = f.now.Unix() - 30 })},
		{name: "expired later", want: ErrExpired, at: 361 * time.Second, tok: withClaims(func(*fixture, map[string]any) {})},
		{name: "fractional exp", tok: withClaims(func(f *fixture, c map[string]any) { c["exp"] = float64(f.now.Unix()) + 0.5 })},
		{name: "no exp", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { delete(c, "exp") })},
		{name: "exp string", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { c["exp"] = "tomorrow" })},
		{name: "exp huge", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { c["exp"] = 1e300 })},
		{name: "exp negative", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { c["exp"] = -5 })},
		{name: "nbf in the future", want: ErrNotYetValid, tok: withClaims(func(f *fixture, c map[string]any) { c["nbf"] = f.now.Unix() + 120 })},
		{name: "nbf within skew", tok: withClaims(func(f *fixture, c map[string]any) { c["nbf"] = f.now.Unix() + 30 })},
		{name: "iat in the future", want: ErrNotYetValid, tok: withClaims(func(f *fixture, c map[string]any) { c["iat"] = f.now.Unix() + 120 })},
		{name: "no subject", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { delete(c, "sub") })},
		{name: "subject not a string", want: ErrTokenMalformed, tok: withClaims(func(_ *fixture, c map[string]any) { c["sub"] = 12 })},
	}
}

func algCases() []tokenCase {
	return []tokenCase{
		{name: "alg none unsigned", want: ErrTokenMalformed, tok: func(_ *testing.T, f *fixture) string {
			return b64(map[string]any{"alg": "none", "kid": "rsa-1"}) + "." + b64(f.claims(nil)) + "."
		}},
		{name: "alg none with signature", want: ErrAlgorithm, tok: func(_ *testing.T, f *fixture) string {
			return b64(map[string]any{"alg": "none", "kid": "rsa-1"}) + "." + b64(f.claims(nil)) + ".AAAA"
		}},
		{name: "HS256 keyed with the public key", want: ErrAlgorithm, tok: func(t *testing.T, f *fixture) string {
			der, err := x509.MarshalPKIXPublicKey(f.rsa.priv.Public())
			must(t, err)
			input := b64(map[string]any{"alg": "HS256", "kid": "rsa-1"}) + "." + b64(f.claims(nil))
			m := hmac.New(sha256.New, der)
			m.Write([]byte(input))
			return input + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
		}},
		{name: "RS256 header on the EC key", want: ErrAlgorithm, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.rsa.priv, map[string]any{"alg": "RS256", "kid": "ec-1"}, f.claims(nil))
		}},
		{name: "ES256 header on the RSA key", want: ErrAlgorithm, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.ec.priv, map[string]any{"alg": "ES256", "kid": "rsa-1"}, f.claims(nil))
		}},
		{name: "PS256 not accepted", want: ErrAlgorithm, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.rsa.priv, map[string]any{"alg": "PS256", "kid": "rsa-1"}, f.claims(nil))
		}},
		{name: "wrong key same kid", want: ErrSignature, tok: func(t *testing.T, f *fixture) string {
			other := newRSAKey(t, "rsa-1", 2048)
			return other.sign(t, f.claims(nil))
		}},
		{name: "tampered payload", want: ErrSignature, tok: func(t *testing.T, f *fixture) string {
			parts := strings.Split(f.rsa.sign(t, f.claims(nil)), ".")
			parts[1] = b64(f.claims(func(c map[string]any) { c["repository"] = "acme/secret" }))
			return strings.Join(parts, ".")
		}},
		{name: "crit header", want: ErrTokenMalformed, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.rsa.priv, map[string]any{"alg": "RS256", "kid": "rsa-1", "crit": []string{"exp"}, "exp": 1}, f.claims(nil))
		}},
		{name: "unknown kid", want: ErrUnknownKey, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.rsa.priv, map[string]any{"alg": "RS256", "kid": "nope"}, f.claims(nil))
		}},
		{name: "no kid", want: ErrUnknownKey, tok: func(t *testing.T, f *fixture) string {
			return signToken(t, f.rsa.priv, map[string]any{"alg": "RS256"}, f.claims(nil))
		}},
	}
}

func shapeCases() []tokenCase {
	lit := func(s string) func(*testing.T, *fixture) string {
		return func(*testing.T, *fixture) string { return s }
	}
	return []tokenCase{
		{name: "empty", want: ErrTokenMalformed, tok: lit("")},
		{name: "two parts", want: ErrTokenMalformed, tok: lit("a.b")},
		{name: "four parts", want: ErrTokenMalformed, tok: lit("a.b.c.d")},
		{name: "empty payload", want: ErrTokenMalformed, tok: lit(b64(map[string]string{"alg": "RS256"}) + "..c2ln")},
		{name: "header not base64", want: ErrTokenMalformed, tok: lit("!!!.e30.c2ln")},
		{name: "header padded", want: ErrTokenMalformed, tok: lit(base64.URLEncoding.EncodeToString([]byte(`{"alg": "RS256"}`)) + ".e30.c2ln")},
		{name: "header not json", want: ErrTokenMalformed, tok: lit("bm90IGpzb24.e30.c2ln")},
		{name: "too large", want: ErrTokenTooLarge, tok: func(t *testing.T, f *fixture) string {
			return f.rsa.sign(t, f.claims(func(c map[string]any) { c["pad"] = strings.Repeat("x", MaxTokenBytes) }))
		}},
		{name: "payload not an object", want: ErrTokenMalformed, tok: func(t *testing.T, f *fixture) string {
			input := b64(map[string]any{"alg": "RS256", "kid": "rsa-1"}) + "." + base64.RawURLEncoding.EncodeToString([]byte(`[1,2]`))
			sig, err := rawSign(f.rsa.priv, "RS256", []byte(input))
			must(t, err)
			return input + "." + base64.RawURLEncoding.EncodeToString(sig)
		}},
		{name: "payload trailing data", want: ErrTokenMalformed, tok: func(t *testing.T, f *fixture) string {
			input := b64(map[string]any{"alg": "RS256", "kid": "rsa-1"}) + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"a"} {}`))
			sig, err := rawSign(f.rsa.priv, "RS256", []byte(input))
			must(t, err)
			return input + "." + base64.RawURLEncoding.EncodeToString(sig)
		}},
	}
}

func TestVerifyChecks(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Hour })
	cases := append(append(claimCases(), algCases()...), shapeCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.tok(t, f)
			p, err := f.o.Verify(context.Background(), tok, f.now.Add(tc.at))
			if tc.want == nil {
				must(t, err)
				if p == nil || p.Kind != KindJWT {
					t.Fatalf("principal = %+v", p)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			assertNoEcho(t, err, tok)
		})
	}
}

// assertNoEcho fails when err quotes any part of the token or a claim.
func assertNoEcho(t *testing.T, err error, tok string) {
	t.Helper()
	msg := err.Error()
	for _, part := range strings.Split(tok, ".") {
		if len(part) >= 4 && strings.Contains(msg, part[:4]) {
			t.Fatalf("error %q echoes the token", msg)
		}
	}
	for _, s := range []string{"acme", "evil", "repo:", "nope"} {
		if strings.Contains(msg, s) {
			t.Fatalf("error %q echoes a claim", msg)
		}
	}
}

func TestVerifyJWKAlgBinding(t *testing.T) {
	rk := newRSAKey(t, "bound", 2048)
	rk.jwkAlg = "PS256"
	enc := newRSAKey(t, "enc", 2048)
	enc.use = "enc"
	is := newIssuer(t, rk, enc)
	o, err := NewOIDC(context.Background(), OIDCConfig{
		Issuer: is.srv.URL, Audience: []string{"ward"}, Algorithms: []string{"RS256", "PS256"},
		RefreshInterval: time.Hour, ClaimMap: ClaimMap{DefaultLimits: &Limits{}},
	}, is.srv.Client())
	must(t, err)
	now := time.Now()
	c := map[string]any{"iss": is.srv.URL, "aud": "ward", "sub": "s", "exp": now.Unix() + 60}
	if _, err := o.Verify(context.Background(), rk.sign(t, c), now); !errors.Is(err, ErrAlgorithm) {
		t.Fatalf("RS256 on a PS256 key: err = %v, want ErrAlgorithm", err)
	}
	ps := signToken(t, rk.priv, map[string]any{"alg": "PS256", "kid": "bound"}, c)
	if _, err := o.Verify(context.Background(), ps, now); err != nil {
		t.Fatalf("PS256 on a PS256 key: %v", err)
	}
	if _, err := o.Verify(context.Background(), enc.sign(t, c), now); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("encryption key: err = %v, want ErrUnknownKey", err)
	}
}

func TestVerifyKeyRotation(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Hour })
	next := newECKey(t, "ec-2")
	f.is.setKeys(t, next) // the issuer rotates: old keys gone
	at := f.now.Add(MinRefetchInterval + time.Second)
	f.now = at
	if got := f.is.fetches.Load(); got != 1 {
		t.Fatalf("fetches before = %d, want 1", got)
	}
	// Known kid, keys held: no fetch, still verifies until refresh.
	if _, err := f.o.Verify(context.Background(), f.rsa.sign(t, f.claims(nil)), at); err != nil {
		t.Fatalf("old key before refetch: %v", err)
	}
	if _, err := f.o.Verify(context.Background(), next.sign(t, f.claims(nil)), at); err != nil {
		t.Fatalf("rotated key: %v", err)
	}
	if got := f.is.fetches.Load(); got != 2 {
		t.Fatalf("fetches after = %d, want 2", got)
	}
	// The retired key is gone with the refetch.
	if _, err := f.o.Verify(context.Background(), f.rsa.sign(t, f.claims(nil)), at); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("retired key: err = %v, want ErrUnknownKey", err)
	}
	if got := f.is.fetches.Load(); got != 2 {
		t.Fatalf("fetches after retired key = %d, want 2 (rate limited)", got)
	}
}

func TestVerifyRefetchRateLimited(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Hour })
	start := f.now
	steps := []struct {
		after       time.Duration
		wantFetches int32
	}{
		{0, 1}, // just fetched at start: no refetch
		{MinRefetchInterval + time.Second, 2},
		{MinRefetchInterval + 10*time.Second, 2},
		{MinRefetchInterval + 20*time.Second, 2},
		{2*MinRefetchInterval + 2*time.Second, 3},
	}
	for i, s := range steps {
		f.now = start.Add(s.after)
		tok := signToken(t, f.rsa.priv, map[string]any{"alg": "RS256", "kid": "made-up"}, f.claims(nil))
		if _, err := f.o.Verify(context.Background(), tok, f.now); !errors.Is(err, ErrUnknownKey) {
			t.Fatalf("step %d: err = %v, want ErrUnknownKey", i, err)
		}
		if got := f.is.fetches.Load(); got != s.wantFetches {
			t.Fatalf("step %d: fetches = %d, want %d", i, got, s.wantFetches)
		}
	}
}

func TestVerifyFailedRefetchKeepsKeys(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Hour })
	f.is.mu.Lock()
	f.is.status = http.StatusInternalServerError
	f.is.mu.Unlock()
	f.now = f.now.Add(MinRefetchInterval + time.Second)
	tok := signToken(t, f.rsa.priv, map[string]any{"alg": "RS256", "kid": "made-up"}, f.claims(nil))
	if _, err := f.o.Verify(context.Background(), tok, f.now); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("err = %v, want ErrUnknownKey", err)
	}
	if _, err := f.o.Verify(context.Background(), f.ec.sign(t, f.claims(nil)), f.now); err != nil {
		t.Fatalf("held key after a failed refetch: %v", err)
	}
}

func TestVerifyBackgroundRefresh(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Minute })
	next := newRSAKey(t, "rsa-2", 2048)
	f.is.setKeys(t, f.rsa, next)
	f.now = f.now.Add(2 * time.Minute)
	// A known kid on stale keys verifies at once and starts a refresh.
	if _, err := f.o.Verify(context.Background(), f.rsa.sign(t, f.claims(nil)), f.now); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for f.o.keys.Load().byKID["rsa-2"] == nil {
		if time.Now().After(deadline) {
			t.Fatalf("no background refresh (fetches = %d)", f.is.fetches.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	for f.o.refreshing.Load() {
		time.Sleep(time.Millisecond)
	}
	if got := f.is.fetches.Load(); got != 2 {
		t.Fatalf("fetches = %d, want 2", got)
	}
}

func TestVerifyClaimRules(t *testing.T) {
	ciLimits := Limits{RPM: 100, Models: []string{"gpt-4o-mini"}}
	ownerLimits := Limits{RPM: 10}
	rules := []ClaimRule{
		{Match: map[string]string{"repository": "acme/api", "ref": "refs/heads/main"}, Limits: ciLimits},
		{Match: map[string]string{"repository_owner": "acme", "ref": "refs/heads/release/*"}, Limits: Limits{RPM: 50}},
		{Match: map[string]string{"sub": "repo:acme/*"}, Limits: ownerLimits},
		{Match: map[string]string{"run_attempt": "2"}, Limits: Limits{RPM: 2}},
	}
	f := newFixture(t, func(c *OIDCConfig) {
		c.ClaimMap = ClaimMap{Name: "repository", Team: "repository_owner", Rules: rules}
	})
	cases := []struct {
		name    string
		edit    func(map[string]any)
		wantRPM int
		wantErr error
	}{
		{name: "main of acme/api", wantRPM: 100},
		{name: "feature branch falls to owner rule", wantRPM: 10, edit: func(c map[string]any) {
			c["ref"], c["sub"] = "refs/heads/feature", "repo:acme/api:ref:refs/heads/feature"
		}},
		{name: "release glob crosses slashes", wantRPM: 50, edit: func(c map[string]any) {
			c["repository"], c["ref"] = "acme/web", "refs/heads/release/v1.2"
		}},
		{name: "number claim", wantRPM: 2, edit: func(c map[string]any) {
			c["sub"], c["repository"], c["repository_owner"], c["run_attempt"] = "repo:x/y:ref:refs/heads/main", "x/y", "x", 2
		}},
		{name: "other owner denied", wantErr: ErrNoRule, edit: func(c map[string]any) {
			c["sub"], c["repository"], c["repository_owner"] = "repo:evil/api:ref:refs/heads/main", "evil/api", "evil"
		}},
		{name: "absent claim never matches", wantErr: ErrNoRule, edit: func(c map[string]any) {
			delete(c, "repository")
			c["sub"] = "pull_request"
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := f.o.Verify(context.Background(), f.ec.sign(t, f.claims(tc.edit)), f.now)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				assertNoEcho(t, err, "")
				return
			}
			must(t, err)
			if p.Limits.RPM != tc.wantRPM || p.Team == "" {
				t.Fatalf("principal = %+v, want RPM %d", *p, tc.wantRPM)
			}
		})
	}
}

func TestVerifyDefaultLimits(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) {
		c.ClaimMap.Rules = []ClaimRule{{Match: map[string]string{"repository": "nope/*"}, Limits: Limits{RPM: 1}}}
		c.ClaimMap.DefaultLimits = &Limits{RPM: 3, BudgetUSD: 1.5}
	})
	p, err := f.o.Verify(context.Background(), f.rsa.sign(t, f.claims(nil)), f.now)
	must(t, err)
	if p.Limits.RPM != 3 || p.Limits.BudgetUSD != 1.5 {
		t.Fatalf("limits = %+v", p.Limits)
	}
}

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"acme/api", "acme/api", true},
		{"acme/api", "acme/apix", false},
		{"acme/*", "acme/api", true},
		{"acme/*", "acme/", true},
		{"acme/*", "acme", false},
		{"repo:acme/*:ref:refs/heads/main", "repo:acme/api:ref:refs/heads/main", true},
		{"repo:acme/*:ref:refs/heads/main", "repo:acme/api:ref:refs/heads/dev", false},
		{"*", "", true},
		{"", "", true},
		{"", "a", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*a*b*", "xxaxxbxx", true},
		{"*a*b", "xxbxxa", false},
		{"**", "anything/at/all", true},
	}
	for _, c := range cases {
		if got := globMatch(c.pattern, c.s); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}

func TestNewOIDCConfigErrors(t *testing.T) {
	is := newIssuer(t, newECKey(t, "ec-1"))
	base := func() OIDCConfig { return OIDCConfig{Issuer: is.srv.URL, Audience: []string{"ward"}} }
	cases := []struct {
		name string
		edit func(*OIDCConfig)
		want string
	}{
		{"no issuer", func(c *OIDCConfig) { c.Issuer = "" }, "issuer is empty"},
		{"no audience", func(c *OIDCConfig) { c.Audience = nil }, "audience"},
		{"empty audience", func(c *OIDCConfig) { c.Audience = []string{""} }, "audience"},
		{"alg none", func(c *OIDCConfig) { c.Algorithms = []string{"none"} }, `"none" not supported`},
		{"alg HS256", func(c *OIDCConfig) { c.Algorithms = []string{"RS256", "HS256"} }, `"HS256" not supported`},
		{"skew too large", func(c *OIDCConfig) { c.ClockSkew = 6 * time.Minute }, "clock_skew"},
		{"negative skew", func(c *OIDCConfig) { c.ClockSkew = -time.Second }, "clock_skew"},
		{"refresh too often", func(c *OIDCConfig) { c.RefreshInterval = time.Second }, "refresh_interval"},
		{"rule without match", func(c *OIDCConfig) { c.ClaimMap.Rules = []ClaimRule{{}} }, "rule 0 matches no claim"},
		{"rule empty claim", func(c *OIDCConfig) { c.ClaimMap.Rules = []ClaimRule{{Match: map[string]string{"": "x"}}} }, "empty claim name"},
		{"http jwks off loopback", func(c *OIDCConfig) { c.JWKSURL = "http://keys.example.com/jwks" }, "not https"},
		{"http issuer off loopback", func(c *OIDCConfig) { c.Issuer = "http://issuer.example.com" }, "not https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := base()
			tc.edit(&cfg)
			_, err := NewOIDC(context.Background(), cfg, is.srv.Client())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestNewOIDCFetchErrors(t *testing.T) {
	cases := []struct {
		name string
		edit func(is *issuer, cfg *OIDCConfig)
		want string
	}{
		{"discovery issuer differs", func(is *issuer, _ *OIDCConfig) { is.disco["issuer"] = "https://elsewhere.example" }, "differs from configured"},
		{"discovery jwks_uri not https", func(is *issuer, _ *OIDCConfig) { is.disco["jwks_uri"] = "http://keys.example.com/jwks" }, "not https"},
		{"jwks status", func(is *issuer, _ *OIDCConfig) { is.status = http.StatusNotFound }, "status 404"},
		{"jwks not json", func(is *issuer, _ *OIDCConfig) { is.jwks = []byte("<html>") }, "oidc jwks"},
		{"jwks too large", func(is *issuer, _ *OIDCConfig) { is.jwks = make([]byte, maxDocBytes+10) }, "larger than"},
		{"jwks only symmetric", func(is *issuer, _ *OIDCConfig) {
			is.jwks = []byte(`{"keys":[{"kty":"oct","kid":"h","k":"c2VjcmV0c2VjcmV0c2VjcmV0"}]}`)
		}, "no usable signature keys"},
		{"redirect to http", func(is *issuer, cfg *OIDCConfig) {
			cfg.JWKSURL = is.srv.URL + "/moved"
		}, "redirect refused"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := newIssuer(t, newECKey(t, "ec-1"))
			cfg := OIDCConfig{Issuer: is.srv.URL, Audience: []string{"ward"}}
			tc.edit(is, &cfg)
			_, err := NewOIDC(context.Background(), cfg, is.srv.Client())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestNewOIDCSkipsWeakRSA(t *testing.T) {
	weak := newRSAKey(t, "weak", 1024)
	good := newECKey(t, "ec-1")
	is := newIssuer(t, good)
	// jwk.Import refuses a 1024-bit key, so publish it by hand.
	pub := weak.priv.Public().(*rsa.PublicKey)
	weakJWK := map[string]string{
		"kty": "RSA", "kid": "weak",
		"n": base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}
	var set struct {
		Keys []any `json:"keys"`
	}
	must(t, json.Unmarshal(is.jwks, &set))
	set.Keys = append([]any{weakJWK}, set.Keys...)
	js, err := json.Marshal(set)
	must(t, err)
	is.jwks = js
	o, err := NewOIDC(context.Background(), OIDCConfig{
		Issuer: is.srv.URL, Audience: []string{"ward"}, JWKSURL: is.srv.URL + "/jwks", RefreshInterval: time.Hour,
		ClaimMap: ClaimMap{DefaultLimits: &Limits{}},
	}, nil)
	must(t, err)
	now := time.Now()
	c := map[string]any{"iss": is.srv.URL, "aud": "ward", "sub": "s", "exp": now.Unix() + 60}
	if _, err := o.Verify(context.Background(), weak.sign(t, c), now); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("1024-bit key: err = %v, want ErrUnknownKey", err)
	}
	if _, err := o.Verify(context.Background(), good.sign(t, c), now); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyConcurrent(t *testing.T) {
	f := newFixture(t, func(c *OIDCConfig) { c.RefreshInterval = time.Minute })
	next := newECKey(t, "ec-2")
	f.is.setKeys(t, f.rsa, f.ec, next)
	at := f.now.Add(2 * time.Minute)
	f.now = at
	toks := []string{f.rsa.sign(t, f.claims(nil)), f.ec.sign(t, f.claims(nil)), next.sign(t, f.claims(nil))}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 20 {
				if _, err := f.o.Verify(context.Background(), toks[(i+j)%len(toks)], at); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for f.o.refreshing.Load() {
		time.Sleep(time.Millisecond)
	}
}

func BenchmarkVerify(b *testing.B) {
	f := newFixture(b, func(c *OIDCConfig) {
		c.RefreshInterval = time.Hour
		c.ClaimMap.Rules = []ClaimRule{
			{Match: map[string]string{"repository": "other/*"}, Limits: Limits{RPM: 1}},
			{Match: map[string]string{"repository_owner": "acme", "ref": "refs/heads/*"}, Limits: Limits{RPM: 2}},
		}
	})
	for _, k := range []*testKey{f.rsa, f.ec} {
		tok := k.sign(b, f.claims(nil))
		b.Run(k.alg, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.o.Verify(context.Background(), tok, f.now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("reject-malformed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := f.o.Verify(context.Background(), "eyJhbGciOiJub25lIn0.e30.", f.now); err == nil {
				b.Fatal("accepted")
			}
		}
	})
}

// FuzzVerify feeds arbitrary strings to Verify: it must never panic,
// and whatever it accepts must have been signed by the issuer's key.
func FuzzVerify(f *testing.F) {
	fx := newFixture(f, func(c *OIDCConfig) { c.RefreshInterval = time.Hour })
	f.Add(fx.rsa.sign(f, fx.claims(nil)))
	f.Add(fx.ec.sign(f, fx.claims(nil)))
	f.Add(b64(map[string]any{"alg": "none"}) + "." + b64(fx.claims(nil)) + ".")
	f.Add(b64(map[string]any{"alg": "RS256", "kid": "rsa-1"}) + "." + b64(map[string]any{"exp": "x"}) + ".AAAA")
	f.Fuzz(func(t *testing.T, tok string) {
		p, err := fx.o.Verify(context.Background(), tok, fx.now)
		if err != nil {
			if p != nil {
				t.Fatalf("principal with error %v", err)
			}
			return
		}
		if p == nil || p.Kind != KindJWT || p.Subject == "" {
			t.Fatalf("accepted without a proper principal: %+v", p)
		}
	})
}
