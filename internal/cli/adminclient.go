package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/gateway"
	"github.com/wardsec/ward/internal/store"
)

// adminClient manages keys through a running gateway's admin API.
type adminClient struct {
	base  *url.URL
	token string
	http  *http.Client
}

func newAdminClient(raw, token string) (*adminClient, error) {
	u, err := url.Parse(strings.TrimSuffix(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, usageErr(fmt.Errorf("--admin-url %q is not an http(s) URL", raw), "")
	}
	return &adminClient{base: u, token: token, http: &http.Client{Timeout: 30 * time.Second}}, nil
}

func (c *adminClient) Close() error { return nil }

// refusedError is the admin API's 409: a rotation it refused
// (store.ErrNotRotatable), with the API's message.
type refusedError struct{ msg string }

func (e *refusedError) Error() string { return e.msg }

// Is makes a refusedError match store.ErrNotRotatable.
func (e *refusedError) Is(target error) bool { return target == store.ErrNotRotatable }

// call sends one admin request and decodes the answer into out.
func (c *adminClient) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base.String()+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("admin API: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return c.failure(method, path, resp)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(out); err != nil {
		return fmt.Errorf("admin API: %s %s%s: the answer is not JSON: %w", method, c.base, path, errNoAdminAPI)
	}
	return nil
}

// errNoAdminAPI is a URL that does not serve Ward's admin API: a gateway
// whose admin API is off, its API address when the admin API has its own
// (admin_listen), or not a Ward gateway at all.
var errNoAdminAPI = errors.New("no Ward admin API there")

// collection is the admin API's list-and-issue endpoint, which a gateway
// serving the admin API never answers with 404.
const collection = "/admin/keys"

// failure turns an error answer into an error. A 404 is "no such key"
// only from a key's own endpoint with the admin API's error body; any
// other 404 means there is no admin API at that URL.
func (c *adminClient) failure(method, path string, resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	msg, ward := adminMessage(b)
	if resp.StatusCode == http.StatusNotFound {
		if ward && path != collection {
			return store.ErrNotFound
		}
		return fmt.Errorf("admin API: %s %s%s: 404: %w", method, c.base, path, errNoAdminAPI)
	}
	if resp.StatusCode == http.StatusConflict && ward {
		return &refusedError{msg: "admin API: " + msg}
	}
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	return fmt.Errorf("admin API: %s %s: %d %s", method, path, resp.StatusCode, msg)
}

// adminMessage reads the admin API's error body, exactly
// {"error":{"message":"…"}}, and reports whether b is one. The gateway's
// own API errors (OpenAI's or Anthropic's shape) carry more fields.
func adminMessage(b []byte) (string, bool) {
	var e struct {
		Error *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error == nil || e.Error.Message == "" {
		return "", false
	}
	return e.Error.Message, true
}

func (c *adminClient) Issue(ctx context.Context, name string, ttl time.Duration, k *authn.Key) (string, *authn.Key, error) {
	var out gateway.IssuedKey
	err := c.call(ctx, http.MethodPost, collection, gateway.IssueRequest{
		Name: name, TTL: ttl.String(), Owner: k.Owner, Team: k.Team, Limits: k.Limits,
	}, &out)
	return out.Key, out.Record, err
}

func (c *adminClient) List(ctx context.Context) ([]authn.Key, error) {
	var out []authn.Key
	return out, c.call(ctx, http.MethodGet, collection, nil, &out)
}

func (c *adminClient) Show(ctx context.Context, id string) (*authn.Key, error) {
	var out authn.Key
	return &out, c.call(ctx, http.MethodGet, collection+"/"+url.PathEscape(id), nil, &out)
}

func (c *adminClient) Revoke(ctx context.Context, id string) error {
	var out map[string]string
	return c.call(ctx, http.MethodPost, collection+"/"+url.PathEscape(id)+"/revoke", nil, &out)
}

func (c *adminClient) Rotate(ctx context.Context, id string, ttl time.Duration) (string, *authn.Key, error) {
	var out gateway.IssuedKey
	body := map[string]string{}
	if ttl > 0 {
		body["ttl"] = ttl.String() // else the old key's lifetime
	}
	err := c.call(ctx, http.MethodPost, collection+"/"+url.PathEscape(id)+"/rotate", body, &out)
	return out.Key, out.Record, err
}
