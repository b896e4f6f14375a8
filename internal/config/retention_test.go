package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseRetention(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{
		"720h": 720 * time.Hour, "30d": 30 * 24 * time.Hour, " 7d ": 7 * 24 * time.Hour, "1h": time.Hour,
		"90m": 90 * time.Minute, "0": 0, "forever": 0, "Forever": 0, "": 30 * 24 * time.Hour, "36500d": 36500 * 24 * time.Hour,
	} {
		if got, err := ParseRetention(in); err != nil || got != want {
			t.Errorf("ParseRetention(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"30m", "59m59s", "0d", "0h", "-1h", "-3d", "1.5d", "30D", "month", "36501d", "99999999999h"} {
		if got, err := ParseRetention(bad); err == nil {
			t.Errorf("ParseRetention(%q) = %v, accepted", bad, got)
		}
	}
}

func TestEventsRetentionConfig(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), FileName)
	c, err := Load(path, true)
	if err != nil || c.Gateway.EventsRetention != "30d" {
		t.Fatalf("default events_retention = %q, %v; want 30d", c.Gateway.EventsRetention, err)
	}
	for body, want := range map[string]string{
		"gateway:\n  events_retention: 2160h\n":   "",
		"gateway:\n  events_retention: forever\n": "",
		"gateway:\n  events_retention: 0\n":       "",
		"gateway:\n  events_retention: 30m\n":     "gateway.events_retention: retention \"30m\" is under an hour",
		"gateway:\n  events_retention: 1y\n":      "gateway.events_retention: retention \"1y\": want a duration",
	} {
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path, false)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", body, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: error %v, want one containing %q", body, err, want)
		}
	}
}
