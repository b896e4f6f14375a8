package vulndb

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DefaultBaseURL is the OSV bucket's public address.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// DefaultEcosystems are the ecosystems Ward reads lockfiles for.
var DefaultEcosystems = []string{"npm", "PyPI", "Go", "crates.io", "RubyGems", "Packagist", "Maven", "NuGet", "Pub", "Hex"}

// maxDownload bounds one all.zip download.
const maxDownload = 4 << 30

// UpdateOptions says what to download and where.
type UpdateOptions struct {
	// Dir is the database folder.
	Dir string
	// BaseURL serves <ecosystem>/all.zip; DefaultBaseURL when empty.
	BaseURL string
	// Ecosystems to fetch; DefaultEcosystems when empty.
	Ecosystems []string
	// Client makes the requests; http.DefaultClient when nil.
	Client *http.Client
	// Attempts per ecosystem (3 when 0); Backoff between them (1s when 0,
	// doubled each time).
	Attempts int
	Backoff  time.Duration
	// Progress, when set, is told how far each download is (total is -1
	// when the server does not say).
	Progress func(eco string, done, total int64)
	// Stall gives up on a download after this long without data (60s
	// when 0); the attempt is then retried.
	Stall time.Duration

	stallTimer *time.Timer
}

// Update downloads each ecosystem's archive and rebuilds its index. An
// ecosystem whose archive has not changed (same ETag) is left as it is.
// A failure leaves that ecosystem's previous index in place.
func Update(ctx context.Context, o UpdateOptions) ([]Meta, error) {
	o = o.withDefaults()
	unlock, err := lockDir(o.Dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	cleanLeftovers(o.Dir)
	var metas []Meta
	var errs []error
	for _, eco := range o.Ecosystems {
		m, err := o.updateOne(ctx, eco)
		if err != nil {
			errs = append(errs, fmt.Errorf("update %s: %w", eco, err))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		metas = append(metas, m)
	}
	return metas, errors.Join(errs...)
}

func (o UpdateOptions) withDefaults() UpdateOptions {
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if len(o.Ecosystems) == 0 {
		o.Ecosystems = DefaultEcosystems
	}
	if o.Client == nil {
		o.Client = http.DefaultClient
	}
	if o.Attempts <= 0 {
		o.Attempts = 3
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Stall <= 0 {
		o.Stall = time.Minute
	}
	return o
}

func (o UpdateOptions) updateOne(ctx context.Context, eco string) (Meta, error) {
	src := o.BaseURL + "/" + url.PathEscape(eco) + "/all.zip"
	old := currentMeta(o.Dir, eco)
	part := filepath.Join(o.Dir, ".download", fileName(eco)+".zip")
	if err := os.MkdirAll(filepath.Dir(part), 0o755); err != nil {
		return Meta{}, err
	}
	var etag string
	var err error
	wait := o.Backoff
	for attempt := 1; ; attempt++ {
		etag, err = o.download(ctx, eco, src, part, old.ETag)
		if err == nil || attempt >= o.Attempts || !retryable(err) {
			break
		}
		select {
		case <-ctx.Done():
			return Meta{}, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
	if errors.Is(err, errNotModified) {
		os.Remove(part)
		now := time.Now()
		os.Chtimes(filepath.Join(o.Dir, fileName(eco)), now, now) // confirmed current
		return currentMeta(o.Dir, eco), nil
	}
	if err != nil {
		return Meta{}, err
	}
	defer os.Remove(part)
	m, err := BuildWith(part, eco, o.Dir, src, etag)
	if err != nil {
		return Meta{}, err
	}
	return m, nil
}

// currentMeta reads the metadata of eco's index, or returns a zero Meta.
func currentMeta(dir, eco string) Meta {
	ix, err := openIndex(filepath.Join(dir, fileName(eco)))
	if err != nil {
		return Meta{}
	}
	defer ix.close()
	return ix.meta
}

var errNotModified = errors.New("not modified")

// httpError is a response Ward did not expect.
type httpError struct {
	status int
	url    string
}

func (e *httpError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.url, e.status, http.StatusText(e.status))
}

// retryable is true for network errors, 429 and 5xx, and downloads that
// arrived damaged; false for answers that another attempt would repeat
// (304, 404, an archive over the size limit) and for cancellation.
func retryable(err error) bool {
	var he *httpError
	var ce *checkError
	var ne net.Error
	switch {
	case errors.Is(err, errNotModified), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	case errors.As(err, &he):
		return he.status == http.StatusTooManyRequests || he.status >= 500
	case errors.As(err, &ce), errors.As(err, &ne):
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET)
}

// checkError is a download that arrived but does not match what the
// server said it would be (size or checksum).
type checkError struct{ msg string }

func (e *checkError) Error() string { return e.msg }

// download fetches src into part, resuming a previous partial download
// when the server supports ranges. It returns the response's ETag.
func (o UpdateOptions) download(ctx context.Context, eco, src, part, etag string) (string, error) {
	// A server that stops sending is given up on after Stall without a
	// byte, whatever the client's own timeouts.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(o.Stall, func() { cancel(errStalled) })
	defer watchdog.Stop()
	o.stallTimer = watchdog
	etag, err := o.fetch(ctx, eco, src, part, etag)
	if cause := context.Cause(ctx); errors.Is(cause, errStalled) {
		return "", &checkError{fmt.Sprintf("no data from %s for %s", src, o.Stall)}
	}
	return etag, err
}

var errStalled = errors.New("download stalled")

// fetch makes the request and saves the body.
func (o UpdateOptions) fetch(ctx context.Context, eco, src, part, etag string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return "", err
	}
	have := partialSize(part)
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
		if v, err := os.ReadFile(part + ".etag"); err == nil {
			req.Header.Set("If-Range", string(v))
		}
	} else if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := o.Client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return "", errNotModified
	case http.StatusOK:
		have = 0
	case http.StatusPartialContent:
		if !rangeStartsAt(resp.Header.Get("Content-Range"), have) {
			have = 0
			return "", &checkError{"server answered a range request with the wrong range"}
		}
	case http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return "", &checkError{"stale partial download discarded"}
	default:
		return "", &httpError{status: resp.StatusCode, url: src}
	}
	return o.save(eco, resp, part, have)
}

// save writes the body after the first have bytes of part and checks
// length and MD5 (from the bucket's x-goog-hash header) when known.
func (o UpdateOptions) save(eco string, resp *http.Response, part string, have int64) (string, error) {
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if have > 0 {
		flags = os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return "", err
	}
	etag := resp.Header.Get("ETag")
	if etag != "" {
		os.WriteFile(part+".etag", []byte(etag), 0o644)
	}
	total := int64(-1)
	if resp.ContentLength >= 0 {
		total = have + resp.ContentLength
	}
	pw := &progressWriter{w: f, done: have, total: total, report: o.Progress, eco: eco, stall: o.stallTimer, idle: o.Stall}
	n, err := io.Copy(pw, io.LimitReader(resp.Body, maxDownload+1-have))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err // the partial file stays for the next attempt
	}
	if have+n > maxDownload {
		os.Remove(part)
		return "", fmt.Errorf("archive larger than %d bytes", int64(maxDownload))
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return "", &checkError{fmt.Sprintf("download ended after %d of %d bytes", n, resp.ContentLength)}
	}
	if err := checkMD5(part, resp.Header.Values("X-Goog-Hash")); err != nil {
		os.Remove(part)
		return "", err
	}
	os.Remove(part + ".etag")
	return etag, nil
}

func partialSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// rangeStartsAt checks a Content-Range header ("bytes 100-199/200").
func rangeStartsAt(cr string, at int64) bool {
	rest, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return false
	}
	start, _, _ := strings.Cut(rest, "-")
	n, err := strconv.ParseInt(start, 10, 64)
	return err == nil && n == at
}

// checkMD5 compares the file's MD5 with an "md5=<base64>" entry of the
// x-goog-hash headers, when there is one.
func checkMD5(path string, hashes []string) error {
	var want string
	for _, h := range hashes {
		for _, kv := range strings.Split(h, ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(kv), "md5="); ok {
				want = v
			}
		}
	}
	if want == "" {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := base64.StdEncoding.EncodeToString(h.Sum(nil)); got != want {
		return &checkError{"downloaded archive does not match the server's MD5"}
	}
	return nil
}

type progressWriter struct {
	w           io.Writer
	done, total int64
	eco         string
	report      func(string, int64, int64)
	stall       *time.Timer
	idle        time.Duration
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if p.stall != nil {
		p.stall.Reset(p.idle)
	}
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.report != nil {
		p.report(p.eco, p.done, p.total)
	}
	return n, err
}

// cleanLeftovers removes the temporary files of builds that were killed
// (a finished or failed build removes its own).
func cleanLeftovers(dir string) {
	old, _ := filepath.Glob(filepath.Join(dir, ".*.wdb.tmp-*"))
	for _, p := range old {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}

// Import builds eco's index from a local all.zip, for sites without
// network access.
func Import(zipPath, eco, dir string) (Meta, error) {
	abs, err := filepath.Abs(zipPath)
	if err != nil {
		abs = zipPath
	}
	return BuildWith(zipPath, eco, dir, "file://"+filepath.ToSlash(abs), "")
}
