package gateway

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/store"
)

// IssueKey creates and stores a new key named name with tmpl's owner,
// team and limits, and returns the key (to show once) and its record.
func IssueKey(ctx context.Context, keys store.Keys, name string, ttl time.Duration, tmpl *authn.Key) (string, *authn.Key, error) {
	secret, k, err := authn.NewKey(name, ttl, time.Now())
	if err != nil {
		return "", nil, err
	}
	k.Owner, k.Team, k.Limits = tmpl.Owner, tmpl.Team, tmpl.Limits
	if err := keys.CreateKey(ctx, k); err != nil {
		return "", nil, err
	}
	return secret, k, nil
}

// RotateKey issues a key with id's name, owner, team and limits, and
// revokes id, in one store transaction. The new key shares id's lineage,
// so its rate limits and budget carry on from id's. It refuses a key
// that is revoked, expired or already rotated (store.ErrNotRotatable).
func RotateKey(ctx context.Context, keys store.Keys, id string, ttl time.Duration) (string, *authn.Key, error) {
	old, err := keys.KeyByID(ctx, id)
	if err != nil {
		return "", nil, err
	}
	now := time.Now()
	if ttl <= 0 {
		ttl = lifetime(old)
	}
	secret, k, err := authn.NewKey(old.Name, ttl, now)
	if err != nil {
		return "", nil, err
	}
	k.Owner, k.Team, k.Limits = old.Owner, old.Team, old.Limits
	if err := keys.RotateKey(ctx, id, k, now); err != nil {
		return "", nil, err
	}
	return secret, k, nil
}

// lifetime is how long k was issued for: its successor's, unless the
// rotation says otherwise.
func lifetime(k *authn.Key) time.Duration {
	if d := k.ExpiresAt.Sub(k.CreatedAt); !k.ExpiresAt.IsZero() && d > 0 {
		return d
	}
	return authn.DefaultTTL
}

// notRotatable is the admin API's message for a rotation the store
// refused with store.ErrNotRotatable.
func notRotatable(id string, err error) string {
	if re, ok := errors.AsType[*store.RotatedError](err); ok {
		return "key " + id + " was already rotated; its successor is " + re.Successor
	}
	return "key " + id + " is revoked or expired and cannot be rotated"
}

// maxAdminBody bounds admin API requests.
const maxAdminBody = 64 << 10

// IssueRequest is the admin API's body for issuing a key.
type IssueRequest struct {
	Name   string       `json:"name"`
	TTL    string       `json:"ttl,omitempty"`
	Owner  string       `json:"owner,omitempty"`
	Team   string       `json:"team,omitempty"`
	Limits authn.Limits `json:"limits"`
}

// IssuedKey is the admin API's answer to issue and rotate: the key,
// shown once, and its record.
type IssuedKey struct {
	Key    string     `json:"key"`
	Record *authn.Key `json:"record"`
}

// AdminHandler serves the key admin API under /admin/keys, for callers
// that present token as a bearer token (compared in constant time).
func AdminHandler(keys store.Keys, token string) http.Handler {
	want := sha256.Sum256([]byte(token))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/keys", func(w http.ResponseWriter, r *http.Request) {
		ks, err := keys.ListKeys(r.Context())
		adminAnswer(w, ks, err)
	})
	mux.HandleFunc("POST /admin/keys", func(w http.ResponseWriter, r *http.Request) {
		var req IssueRequest
		if !adminDecode(w, r, &req) {
			return
		}
		ttl, err := parseTTL(req.TTL)
		if err != nil || req.Name == "" {
			adminError(w, http.StatusBadRequest, "name is required and ttl must be a duration such as 24h")
			return
		}
		if err := req.Limits.Validate(); err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		secret, k, err := IssueKey(r.Context(), keys, req.Name, ttl, &authn.Key{Owner: req.Owner, Team: req.Team, Limits: req.Limits})
		adminAnswer(w, IssuedKey{Key: secret, Record: k}, err)
	})
	mux.HandleFunc("GET /admin/keys/{id}", func(w http.ResponseWriter, r *http.Request) {
		k, err := keys.KeyByID(r.Context(), r.PathValue("id"))
		adminAnswer(w, k, err)
	})
	mux.HandleFunc("POST /admin/keys/{id}/revoke", func(w http.ResponseWriter, r *http.Request) {
		err := keys.RevokeKey(r.Context(), r.PathValue("id"), time.Now())
		adminAnswer(w, map[string]string{"revoked": r.PathValue("id")}, err)
	})
	mux.HandleFunc("POST /admin/keys/{id}/rotate", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			TTL string `json:"ttl"`
		}
		if !adminDecode(w, r, &req) {
			return
		}
		ttl, err := time.Duration(0), error(nil) // the old key's lifetime
		if req.TTL != "" {
			ttl, err = parseTTL(req.TTL)
		}
		if err != nil {
			adminError(w, http.StatusBadRequest, "ttl must be a duration such as 24h")
			return
		}
		secret, k, err := RotateKey(r.Context(), keys, r.PathValue("id"), ttl)
		if errors.Is(err, store.ErrNotRotatable) {
			adminError(w, http.StatusConflict, notRotatable(r.PathValue("id"), err))
			return
		}
		adminAnswer(w, IssuedKey{Key: secret, Record: k}, err)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := sha256.Sum256([]byte(credential(r.Header)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			adminError(w, http.StatusUnauthorized, "invalid admin token")
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func parseTTL(s string) (time.Duration, error) {
	if s == "" {
		return authn.DefaultTTL, nil
	}
	d, err := time.ParseDuration(s)
	if err == nil && d <= 0 {
		err = errors.New("ttl must be positive")
	}
	return d, err
}

func adminDecode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) { // an empty body sets nothing
		adminError(w, http.StatusBadRequest, "request body is not the expected JSON object")
		return false
	}
	return true
}

func adminAnswer(w http.ResponseWriter, v any, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		adminError(w, http.StatusNotFound, "no such key")
	case err != nil:
		adminError(w, http.StatusInternalServerError, "the store failed")
	default:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	}
}

func adminError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"message": msg}})
}
