package gateway

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAll reads bodies whose declared length is right, short, long
// or absent, a byte at a time and whole, and passes a read error on.
func TestReadAll(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	for _, size := range []int64{-1, 0, 1, 999, 1000, 1001, 4000} {
		for _, r := range []io.Reader{strings.NewReader(body), iotest.OneByteReader(strings.NewReader(body))} {
			got, err := readAll(r, size, 2000)
			if err != nil || string(got) != body {
				t.Errorf("size %d: %d bytes, %v", size, len(got), err)
			}
		}
	}
	boom := errors.New("boom")
	if _, err := readAll(iotest.ErrReader(boom), 10, 2000); !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
}

// parseRequest is parseBody allowing every top-level key, as the tests
// that are not about the field check read their bodies.
func parseRequest(body []byte) (*inbound, *apiError) { return parseBody(body, fieldSet{}) }
