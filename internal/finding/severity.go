package finding

import (
	"fmt"
	"strings"
)

// Severity orders findings from Info to Critical. The zero value is Unknown.
type Severity int

// Severities, lowest first.
const (
	Unknown Severity = iota
	Info
	Low
	Medium
	High
	Critical
)

var severityNames = [...]string{"unknown", "info", "low", "medium", "high", "critical"}

// String returns the lowercase name.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively.
func ParseSeverity(name string) (Severity, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for i, s := range severityNames {
		if s == n {
			return Severity(i), nil
		}
	}
	return Unknown, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", name)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
