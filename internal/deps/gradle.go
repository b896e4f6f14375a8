package deps

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// parseGradleLock reads a Gradle dependency lockfile (gradle.lockfile or
// buildscript-gradle.lockfile): one "group:artifact:version=conf1,conf2"
// line per resolved module, "#" comments and an "empty=conf,..." line.
// The lockfile is flat, so nothing is Direct; a module is Dev when every
// configuration that resolves it is a test one.
//
// Lockfiles from Gradle before 6.0 sit one per configuration in
// gradle/dependency-locks/<configuration>.lockfile with bare
// "group:artifact:version" lines; their configuration is the file name.
func parseGradleLock(path string, data []byte) ([]Package, error) {
	legacyConf := strings.TrimSuffix(filepath.Base(path), ".lockfile")
	var pkgs []Package
	seen := make(map[string]bool)
	line := 0
	for raw := range bytes.Lines(data) {
		line++
		s := strings.TrimSpace(string(raw))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		coord, confs, hasConfs := strings.Cut(s, "=")
		if coord == "empty" && hasConfs {
			continue
		}
		p, err := gradlePackage(coord)
		if err != nil {
			return nil, errorf(path, line, "parse gradle lockfile: %v", err)
		}
		p.Line = line
		if hasConfs {
			p.Dev = gradleAllTest(strings.Split(confs, ","))
		} else {
			p.Dev = gradleIsTest(legacyConf)
		}
		if k := p.Name + "@" + p.Version; !seen[k] {
			seen[k] = true
			pkgs = append(pkgs, p)
		}
	}
	return pkgs, nil
}

// gradlePackage parses "group:artifact:version".
func gradlePackage(coord string) (Package, error) {
	parts := strings.Split(coord, ":")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return Package{}, fmt.Errorf("want group:artifact:version, got %s", excerpt(coord))
	}
	return Package{
		Ecosystem: Maven,
		Name:      parts[0] + ":" + parts[1],
		Version:   parts[2],
	}, nil
}

// gradleAllTest reports whether every configuration is a test one; an
// empty list is not.
func gradleAllTest(confs []string) bool {
	n := 0
	for _, c := range confs {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !gradleIsTest(c) {
			return false
		}
		n++
	}
	return n > 0
}

// gradleIsTest reports whether a configuration name is a test one:
// testRuntimeClasspath, androidTestCompileClasspath, debugUnitTestRuntimeClasspath.
func gradleIsTest(conf string) bool {
	return strings.HasPrefix(conf, "test") || strings.Contains(conf, "Test")
}
