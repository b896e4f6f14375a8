package authn

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
)

// Errors of (*OIDC).Verify. Verify wraps them with what failed, never
// with the token or any of its claims.
var (
	ErrTokenMalformed = errors.New("malformed token")
	ErrTokenTooLarge  = errors.New("token too large")
	ErrAlgorithm      = errors.New("token algorithm not accepted")
	ErrUnknownKey     = errors.New("token signed by an unknown key")
	ErrSignature      = errors.New("token signature invalid")
	ErrIssuer         = errors.New("token issuer not accepted")
	ErrAudience       = errors.New("token audience not accepted")
	ErrExpired        = errors.New("token expired")
	ErrNotYetValid    = errors.New("token not yet valid")
	ErrNoRule         = errors.New("no rule admits the token")
)

// Bounds and defaults of OIDC verification.
const (
	// MaxTokenBytes bounds a presented JWT.
	MaxTokenBytes = 16 << 10
	// DefaultClockSkew and MaxClockSkew bound the leeway on exp, nbf and
	// iat.
	DefaultClockSkew = 60 * time.Second
	MaxClockSkew     = 5 * time.Minute
	// DefaultRefreshInterval is how old the JWKS may grow before it is
	// fetched again (in the background).
	DefaultRefreshInterval = 15 * time.Minute
	// MinRefetchInterval spaces JWKS fetches, so that tokens with made-up
	// key ids cannot make Ward hammer the issuer.
	MinRefetchInterval = 30 * time.Second
	// maxDocBytes bounds a discovery document or JWKS.
	maxDocBytes  = 1 << 20
	fetchTimeout = 10 * time.Second
	minRSABits   = 2048
)

// defaultAlgorithms are accepted when OIDCConfig.Algorithms is empty.
var defaultAlgorithms = []string{"RS256", "ES256"}

// OIDCConfig says which workload identities the gateway accepts.
type OIDCConfig struct {
	// Issuer must equal the tokens' iss claim exactly.
	Issuer string `yaml:"issuer" json:"issuer"`
	// Audience lists accepted aud values; a token must carry one of them.
	Audience []string `yaml:"audience" json:"audience"`
	// Algorithms lists accepted signature algorithms (RS256 and ES256
	// when empty): RS256/384/512, PS256/384/512, ES256/384/512, EdDSA.
	// "none" and HMAC are never accepted.
	Algorithms []string `yaml:"algorithms,omitempty" json:"algorithms,omitempty"`
	// ClockSkew is the leeway on exp, nbf and iat (DefaultClockSkew when
	// 0, at most MaxClockSkew).
	ClockSkew time.Duration `yaml:"clock_skew,omitempty" json:"clock_skew,omitempty"`
	// JWKSURL is where the issuer's keys are; when empty it comes from the
	// issuer's /.well-known/openid-configuration. https only (http is
	// allowed for loopback hosts).
	JWKSURL string `yaml:"jwks_url,omitempty" json:"jwks_url,omitempty"`
	// RefreshInterval is how often the keys are fetched again
	// (DefaultRefreshInterval when 0, at least MinRefetchInterval).
	RefreshInterval time.Duration `yaml:"refresh_interval,omitempty" json:"refresh_interval,omitempty"`
	// ClaimMap maps a token's claims to a principal.
	ClaimMap ClaimMap `yaml:"claims" json:"claims"`
}

// ClaimMap says which claims name a principal and which limits it gets.
type ClaimMap struct {
	// Subject is the claim holding the principal's subject ("sub" when
	// empty); it must be a non-empty string in every token.
	Subject string `yaml:"subject,omitempty" json:"subject,omitempty"`
	// Name is the claim holding its display name (the subject when empty
	// or absent from the token).
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	// Team is the claim holding its team, e.g. "repository_owner" (no
	// team when empty).
	Team string `yaml:"team,omitempty" json:"team,omitempty"`
	// Rules give limits to tokens: the first rule whose claims all match
	// wins.
	Rules []ClaimRule `yaml:"rules,omitempty" json:"rules,omitempty"`
	// DefaultLimits apply when no rule matches; nil denies such tokens
	// with ErrNoRule.
	DefaultLimits *Limits `yaml:"default_limits,omitempty" json:"default_limits,omitempty"`
}

// ClaimRule gives Limits to tokens whose claims match.
type ClaimRule struct {
	// Match maps a claim name to a pattern its value must match: exact,
	// or a glob where * matches any run of characters (including "/")
	// and ? any single byte. A string-array claim matches when one of
	// its elements does; numbers and booleans match their JSON text; an
	// absent claim never matches.
	Match  map[string]string `yaml:"match" json:"match"`
	Limits Limits            `yaml:"limits" json:"limits"`
}

// OIDC verifies workload identity tokens from one issuer. It is safe for
// concurrent use.
type OIDC struct {
	cfg     OIDCConfig
	algs    map[string]jwa.SignatureAlgorithm
	client  *http.Client
	jwksURL string

	keys atomic.Pointer[keySet]
	// lastFetch is when the JWKS was last asked for (UnixNano), to space
	// fetches; fetchMu serialises them.
	lastFetch  atomic.Int64
	fetchMu    sync.Mutex
	refreshing atomic.Bool
}

// keySet is one fetch of the issuer's keys.
type keySet struct {
	byKID   map[string][]verifyKey
	fetched time.Time
}

// verifyKey is a public key of the JWKS and the algorithm it is bound
// to ("" when the JWK does not say).
type verifyKey struct {
	pub any
	alg string
}

// NewOIDC checks cfg, discovers the issuer's JWKS when cfg.JWKSURL is
// empty and fetches the keys once. client makes the requests (a client
// with a 10s timeout when nil); redirects to non-https URLs are refused.
func NewOIDC(ctx context.Context, cfg OIDCConfig, client *http.Client) (*OIDC, error) {
	cfg, algs, err := normalizeConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("authn: oidc config: %w", err)
	}
	o := &OIDC{cfg: cfg, algs: algs, client: safeClient(client), jwksURL: cfg.JWKSURL}
	if o.jwksURL == "" {
		if o.jwksURL, err = o.discover(ctx); err != nil {
			return nil, err
		}
	} else if err := CheckFetchURL(o.jwksURL); err != nil {
		return nil, fmt.Errorf("authn: oidc config: jwks_url: %w", err)
	}
	start := time.Now()
	o.lastFetch.Store(start.UnixNano())
	ks, err := o.fetchKeys(ctx, start)
	if err != nil {
		return nil, err
	}
	o.keys.Store(ks)
	return o, nil
}

func normalizeConfig(cfg OIDCConfig) (OIDCConfig, map[string]jwa.SignatureAlgorithm, error) {
	if cfg.Issuer == "" {
		return cfg, nil, errors.New("issuer is empty")
	}
	if len(cfg.Audience) == 0 || containsEmpty(cfg.Audience) {
		return cfg, nil, errors.New("audience must list at least one non-empty value")
	}
	algs, err := acceptedAlgorithms(cfg.Algorithms)
	if err != nil {
		return cfg, nil, err
	}
	if err := normalizeDurations(&cfg); err != nil {
		return cfg, nil, err
	}
	if err := normalizeClaimMap(&cfg.ClaimMap); err != nil {
		return cfg, nil, err
	}
	return cfg, algs, nil
}

func containsEmpty(ss []string) bool {
	for _, s := range ss {
		if s == "" {
			return true
		}
	}
	return false
}

func normalizeDurations(cfg *OIDCConfig) error {
	switch {
	case cfg.ClockSkew < 0 || cfg.ClockSkew > MaxClockSkew:
		return fmt.Errorf("clock_skew %v outside [0, %v]", cfg.ClockSkew, MaxClockSkew)
	case cfg.ClockSkew == 0:
		cfg.ClockSkew = DefaultClockSkew
	}
	switch {
	case cfg.RefreshInterval == 0:
		cfg.RefreshInterval = DefaultRefreshInterval
	case cfg.RefreshInterval < MinRefetchInterval:
		return fmt.Errorf("refresh_interval %v below %v", cfg.RefreshInterval, MinRefetchInterval)
	}
	return nil
}

func normalizeClaimMap(m *ClaimMap) error {
	if m.Subject == "" {
		m.Subject = "sub"
	}
	for i, r := range m.Rules {
		if len(r.Match) == 0 {
			return fmt.Errorf("claims rule %d matches no claim (use default_limits for a catch-all)", i)
		}
		for claim := range r.Match {
			if claim == "" {
				return fmt.Errorf("claims rule %d has an empty claim name", i)
			}
		}
		if err := r.Limits.Validate(); err != nil {
			return fmt.Errorf("claims rule %d: %w", i, err)
		}
	}
	if m.DefaultLimits != nil {
		if err := m.DefaultLimits.Validate(); err != nil {
			return fmt.Errorf("default limits: %w", err)
		}
	}
	return nil
}

// Algorithms are the signature algorithms Verify can accept (none and
// HMAC never are), in the order messages list them.
var Algorithms = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}

// supportedAlgs are Algorithms by name.
var supportedAlgs = func() map[string]jwa.SignatureAlgorithm {
	m := make(map[string]jwa.SignatureAlgorithm, len(Algorithms))
	for _, name := range Algorithms {
		alg, ok := jwa.LookupSignatureAlgorithm(name)
		if !ok {
			panic("authn: jwx has no signature algorithm " + name)
		}
		m[name] = alg
	}
	return m
}()

func acceptedAlgorithms(names []string) (map[string]jwa.SignatureAlgorithm, error) {
	if len(names) == 0 {
		names = defaultAlgorithms
	}
	algs := make(map[string]jwa.SignatureAlgorithm, len(names))
	for _, n := range names {
		a, ok := supportedAlgs[n]
		if !ok {
			return nil, fmt.Errorf("algorithm %q not supported (none and HMAC never are)", n)
		}
		algs[n] = a
	}
	return algs, nil
}

// safeClient copies client (or a default one) and refuses redirects to
// URLs CheckFetchURL rejects.
func safeClient(client *http.Client) *http.Client {
	c := &http.Client{Timeout: fetchTimeout}
	if client != nil {
		cp := *client
		c = &cp
	}
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := CheckFetchURL(req.URL.String()); err != nil {
			return fmt.Errorf("redirect refused: %w", err)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return c
}

// CheckFetchURL accepts the URLs keys are fetched from: https, and http
// on loopback hosts.
func CheckFetchURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("invalid URL: %w", err)
	}
	if u.Host == "" {
		return fmt.Errorf("URL %q has no host", raw)
	}
	if u.Scheme == "https" || (u.Scheme == "http" && isLoopback(u.Hostname())) {
		return nil
	}
	return fmt.Errorf("URL %q is not https", raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// discover reads the issuer's OpenID configuration and returns its
// jwks_uri.
func (o *OIDC) discover(ctx context.Context) (string, error) {
	where := strings.TrimSuffix(o.cfg.Issuer, "/") + "/.well-known/openid-configuration"
	if err := CheckFetchURL(where); err != nil {
		return "", fmt.Errorf("authn: oidc discovery: issuer: %w", err)
	}
	body, err := o.get(ctx, where)
	if err != nil {
		return "", fmt.Errorf("authn: oidc discovery: %w", err)
	}
	var doc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return "", fmt.Errorf("authn: oidc discovery %s: %w", where, err)
	}
	if doc.Issuer != o.cfg.Issuer {
		return "", fmt.Errorf("authn: oidc discovery %s: issuer %q differs from configured %q", where, doc.Issuer, o.cfg.Issuer)
	}
	if err := CheckFetchURL(doc.JWKSURI); err != nil {
		return "", fmt.Errorf("authn: oidc discovery %s: jwks_uri: %w", where, err)
	}
	return doc.JWKSURI, nil
}

// get fetches a small JSON document.
func (o *OIDC) get(ctx context.Context, where string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, where, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", where, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := o.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", where, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", where, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocBytes+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", where, err)
	}
	if len(body) > maxDocBytes {
		return nil, fmt.Errorf("GET %s: document larger than %d bytes", where, maxDocBytes)
	}
	return body, nil
}

// fetchKeys fetches and parses the JWKS, keeping the usable signature
// keys.
func (o *OIDC) fetchKeys(ctx context.Context, now time.Time) (*keySet, error) {
	body, err := o.get(ctx, o.jwksURL)
	if err != nil {
		return nil, fmt.Errorf("authn: oidc jwks: %w", err)
	}
	set, err := jwk.Parse(body, jwk.WithStrictKeySetParsing(false))
	if err != nil {
		return nil, fmt.Errorf("authn: oidc jwks %s: %w", o.jwksURL, err)
	}
	ks := &keySet{byKID: make(map[string][]verifyKey, set.Len()), fetched: now}
	for i := range set.Len() {
		k, _ := set.Key(i)
		if vk, ok := usableKey(k); ok {
			kid, _ := k.KeyID()
			ks.byKID[kid] = append(ks.byKID[kid], vk)
		}
	}
	if len(ks.byKID) == 0 {
		return nil, fmt.Errorf("authn: oidc jwks %s: no usable signature keys", o.jwksURL)
	}
	return ks, nil
}

// usableKey is k's public key when k may verify signatures: not
// unsupported, not symmetric, not for encryption, RSA of 2048 bits or
// more.
func usableKey(k jwk.Key) (verifyKey, bool) {
	if k == nil || jwk.IsUnsupportedKey(k) {
		return verifyKey{}, false
	}
	if use, ok := k.KeyUsage(); ok && use != "sig" {
		return verifyKey{}, false
	}
	pub, err := jwk.PublicRawKeyOf(k)
	if err != nil {
		return verifyKey{}, false
	}
	switch p := pub.(type) {
	case *rsa.PublicKey:
		if p.N.BitLen() < minRSABits {
			return verifyKey{}, false
		}
	case *ecdsa.PublicKey, ed25519.PublicKey:
	default:
		return verifyKey{}, false
	}
	vk := verifyKey{pub: pub}
	if a, ok := k.Algorithm(); ok {
		vk.alg = a.String()
	}
	return vk, true
}

// refetch fetches the JWKS again unless it was asked for less than
// MinRefetchInterval ago; a failed fetch keeps the keys held.
func (o *OIDC) refetch(ctx context.Context, now time.Time) {
	o.fetchMu.Lock()
	defer o.fetchMu.Unlock()
	if !o.mayFetch(now) {
		return
	}
	o.lastFetch.Store(now.UnixNano())
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	if ks, err := o.fetchKeys(ctx, now); err == nil {
		o.keys.Store(ks)
	}
}

func (o *OIDC) mayFetch(now time.Time) bool {
	return now.Sub(time.Unix(0, o.lastFetch.Load())) >= MinRefetchInterval
}

// refreshIfStale refetches the JWKS in the background when it is older
// than the refresh interval; requests go on with the keys held.
func (o *OIDC) refreshIfStale(ctx context.Context, now time.Time) {
	if now.Sub(o.keys.Load().fetched) < o.cfg.RefreshInterval || !o.mayFetch(now) {
		return
	}
	if !o.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer o.refreshing.Store(false)
		o.refetch(context.WithoutCancel(ctx), now)
	}()
}

// header is the part of a JWS protected header Verify reads.
type header struct {
	Alg  string          `json:"alg"`
	Kid  string          `json:"kid"`
	Crit json.RawMessage `json:"crit"`
	B64  json.RawMessage `json:"b64"`
}

// Verify checks a compact JWT presented at now: size, accepted
// algorithm, signature by the issuer's key named by kid (fetching the
// keys again, at most every MinRefetchInterval, when kid is unknown),
// iss, aud, exp, nbf and iat; then maps its claims to a Principal
// through the claim rules. Errors wrap the Err* values above.
func (o *OIDC) Verify(ctx context.Context, rawJWT string, now time.Time) (*Principal, error) {
	hdr, err := parseHeader(rawJWT)
	if err != nil {
		return nil, fmt.Errorf("authn: jwt: %w", err)
	}
	payload, err := o.verifySignature(ctx, rawJWT, hdr, now)
	if err != nil {
		return nil, fmt.Errorf("authn: jwt: %w", err)
	}
	c, err := parseClaims(payload)
	if err != nil {
		return nil, fmt.Errorf("authn: jwt: %w", err)
	}
	if err := o.checkClaims(c, now); err != nil {
		return nil, fmt.Errorf("authn: jwt: %w", err)
	}
	p, err := o.principal(c)
	if err != nil {
		return nil, fmt.Errorf("authn: jwt: %w", err)
	}
	return p, nil
}

// parseHeader bounds and splits the token and decodes its protected
// header.
func parseHeader(raw string) (header, error) {
	var h header
	if len(raw) > MaxTokenBytes {
		return h, fmt.Errorf("%w: more than %d bytes", ErrTokenTooLarge, MaxTokenBytes)
	}
	if strings.Count(raw, ".") != 2 {
		return h, fmt.Errorf("%w: not three dot-separated parts", ErrTokenMalformed)
	}
	enc, rest, _ := strings.Cut(raw, ".")
	payload, sig, _ := strings.Cut(rest, ".")
	if enc == "" || payload == "" || sig == "" {
		return h, fmt.Errorf("%w: empty part", ErrTokenMalformed)
	}
	js, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return h, fmt.Errorf("%w: header is not base64url", ErrTokenMalformed)
	}
	if err := json.Unmarshal(js, &h); err != nil {
		return h, fmt.Errorf("%w: header is not a JSON object", ErrTokenMalformed)
	}
	if h.Crit != nil || h.B64 != nil {
		return h, fmt.Errorf("%w: crit and b64 headers are not supported", ErrTokenMalformed)
	}
	return h, nil
}

// verifySignature checks the algorithm, finds the key and verifies the
// signature, returning the payload.
func (o *OIDC) verifySignature(ctx context.Context, raw string, h header, now time.Time) ([]byte, error) {
	alg, ok := o.algs[h.Alg]
	if !ok {
		return nil, fmt.Errorf("%w: algorithm not in the accepted list", ErrAlgorithm)
	}
	key, err := o.key(ctx, h, now)
	if err != nil {
		return nil, err
	}
	payload, err := jws.VerifyCompactFast(key, []byte(raw), alg)
	if err != nil {
		return nil, ErrSignature
	}
	return payload, nil
}

// key finds the key named by h.Kid that fits h.Alg, fetching the keys
// again when the kid is unknown.
func (o *OIDC) key(ctx context.Context, h header, now time.Time) (any, error) {
	defer o.refreshIfStale(ctx, now)
	cands, ok := o.keys.Load().byKID[h.Kid]
	if !ok {
		o.refetch(ctx, now)
		if cands, ok = o.keys.Load().byKID[h.Kid]; !ok {
			return nil, ErrUnknownKey
		}
	}
	for _, vk := range cands {
		if (vk.alg == "" || vk.alg == h.Alg) && algFitsKey(h.Alg, vk.pub) {
			return vk.pub, nil
		}
	}
	return nil, fmt.Errorf("%w: algorithm does not fit the key", ErrAlgorithm)
}

// algFitsKey reports whether alg signs with pub's key type (and curve).
func algFitsKey(alg string, pub any) bool {
	switch p := pub.(type) {
	case *rsa.PublicKey:
		return strings.HasPrefix(alg, "RS") || strings.HasPrefix(alg, "PS")
	case *ecdsa.PublicKey:
		return curveAlg[p.Curve.Params().Name] == alg
	case ed25519.PublicKey:
		return alg == "EdDSA"
	}
	return false
}

// curveAlg is the ECDSA algorithm of each curve.
var curveAlg = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}

// claims is a verified token's payload.
type claims map[string]any

// parseClaims decodes the payload: one JSON object, numbers kept as
// json.Number.
func parseClaims(payload []byte) (claims, error) {
	d := json.NewDecoder(bytes.NewReader(payload))
	d.UseNumber()
	var c claims
	if err := d.Decode(&c); err != nil || c == nil {
		return nil, fmt.Errorf("%w: payload is not a JSON object", ErrTokenMalformed)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the payload object", ErrTokenMalformed)
	}
	return c, nil
}

// checkClaims checks iss, aud, exp, nbf and iat.
func (o *OIDC) checkClaims(c claims, now time.Time) error {
	if iss, _ := c["iss"].(string); iss != o.cfg.Issuer {
		return ErrIssuer
	}
	if !o.audienceOK(c["aud"]) {
		return ErrAudience
	}
	return checkTimes(c, now, o.cfg.ClockSkew)
}

func (o *OIDC) audienceOK(aud any) bool {
	for _, a := range claimStrings(aud) {
		for _, want := range o.cfg.Audience {
			if a == want {
				return true
			}
		}
	}
	return false
}

// checkTimes requires exp and checks exp, nbf and iat against now with
// skew leeway.
func checkTimes(c claims, now time.Time, skew time.Duration) error {
	exp, ok, err := numericDate(c, "exp")
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: no exp claim", ErrTokenMalformed)
	}
	if !now.Before(exp.Add(skew)) {
		return ErrExpired
	}
	for _, name := range [...]string{"nbf", "iat"} {
		t, ok, err := numericDate(c, name)
		if err != nil {
			return err
		}
		if ok && t.After(now.Add(skew)) {
			return fmt.Errorf("%w: %s in the future", ErrNotYetValid, name)
		}
	}
	return nil
}

// maxNumericDate bounds exp, nbf and iat (year 5138).
const maxNumericDate = 1e11

// numericDate reads a NumericDate claim (seconds since the epoch,
// possibly fractional).
func numericDate(c claims, name string) (time.Time, bool, error) {
	v, ok := c[name]
	if !ok {
		return time.Time{}, false, nil
	}
	n, isNum := v.(json.Number)
	if !isNum {
		return time.Time{}, false, fmt.Errorf("%w: %s is not a number", ErrTokenMalformed, name)
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f < 0 || f > maxNumericDate {
		return time.Time{}, false, fmt.Errorf("%w: %s out of range", ErrTokenMalformed, name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true, nil
}

// principal maps verified claims to a Principal.
func (o *OIDC) principal(c claims) (*Principal, error) {
	m := &o.cfg.ClaimMap
	sub, _ := c[m.Subject].(string)
	if sub == "" {
		return nil, fmt.Errorf("%w: no subject claim", ErrTokenMalformed)
	}
	limits, err := m.limits(c)
	if err != nil {
		return nil, err
	}
	exp, _, _ := numericDate(c, "exp")
	p := &Principal{Subject: sub, Name: sub, Limits: limits, ExpiresAt: exp.UTC(), Kind: KindJWT}
	if name, _ := c[m.Name].(string); m.Name != "" && name != "" {
		p.Name = name
	}
	if m.Team != "" {
		p.Team, _ = c[m.Team].(string)
	}
	return p, nil
}

// limits are those of the first matching rule, else DefaultLimits, else
// ErrNoRule.
func (m *ClaimMap) limits(c claims) (Limits, error) {
	for _, r := range m.Rules {
		if r.matches(c) {
			return r.Limits, nil
		}
	}
	if m.DefaultLimits != nil {
		return *m.DefaultLimits, nil
	}
	return Limits{}, ErrNoRule
}

func (r *ClaimRule) matches(c claims) bool {
	for claim, pattern := range r.Match {
		if !anyMatches(pattern, claimStrings(c[claim])) {
			return false
		}
	}
	return true
}

func anyMatches(pattern string, vals []string) bool {
	for _, v := range vals {
		if globMatch(pattern, v) {
			return true
		}
	}
	return false
}

// claimStrings are the string forms of a claim value: itself for a
// string, its JSON text for a number or boolean, its strings for an
// array; nothing otherwise.
func claimStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case json.Number:
		return []string{x.String()}
	case bool:
		return []string{strconv.FormatBool(x)}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// globMatch matches s against pattern, where * matches any run of bytes
// and ? any one byte; everything else matches itself.
func globMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case star >= 0:
			mark++
			p, i = star+1, mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
