package finding

import "fmt"

// SourceError is a problem in a file the user wrote (a rule file, an
// ignore file, a configuration file), with the line when it is known.
// Packages name it after their own files (config.Error,
// suppress.ConfigError, secrets.ConfigError) as aliases of this type.
type SourceError struct {
	Path   string
	Line   int
	Column int // 1-based, 0 when unknown
	Err    error
}

func (e *SourceError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Path != "":
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return e.Err.Error()
}

func (e *SourceError) Unwrap() error { return e.Err }
