package cli

import (
	"bytes"
	"context"
	"encoding/json"
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
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return store.ErrNotFound
	case resp.StatusCode >= 300:
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&e)
		return fmt.Errorf("admin API: %s %s: %d %s", method, path, resp.StatusCode, e.Error.Message)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(out)
}

func (c *adminClient) Issue(ctx context.Context, name string, ttl time.Duration, k *authn.Key) (string, *authn.Key, error) {
	var out gateway.IssuedKey
	err := c.call(ctx, http.MethodPost, "/admin/keys", gateway.IssueRequest{
		Name: name, TTL: ttl.String(), Owner: k.Owner, Team: k.Team, Limits: k.Limits,
	}, &out)
	return out.Key, out.Record, err
}

func (c *adminClient) List(ctx context.Context) ([]authn.Key, error) {
	var out []authn.Key
	return out, c.call(ctx, http.MethodGet, "/admin/keys", nil, &out)
}

func (c *adminClient) Show(ctx context.Context, id string) (*authn.Key, error) {
	var out authn.Key
	return &out, c.call(ctx, http.MethodGet, "/admin/keys/"+url.PathEscape(id), nil, &out)
}

func (c *adminClient) Revoke(ctx context.Context, id string) error {
	var out map[string]string
	return c.call(ctx, http.MethodPost, "/admin/keys/"+url.PathEscape(id)+"/revoke", nil, &out)
}

func (c *adminClient) Rotate(ctx context.Context, id string, ttl time.Duration) (string, *authn.Key, error) {
	var out gateway.IssuedKey
	err := c.call(ctx, http.MethodPost, "/admin/keys/"+url.PathEscape(id)+"/rotate", map[string]string{"ttl": ttl.String()}, &out)
	return out.Key, out.Record, err
}
