package deps

import (
	"fmt"
	"strings"
	"testing"
)

func TestParsePom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "properties, management, scopes and plugins",
			file: "pom/webapp.xml",
			want: []miscWant{
				// An import-scope BOM no dependency uses directly.
				{name: "com.fasterxml.jackson:jackson-bom", version: "2.15.3", line: 29, direct: true},
				// Version from dependencyManagement.
				{name: "org.slf4j:slf4j-api", version: "2.0.9", line: 52, direct: true},
				// A property that references another property.
				{name: "org.apache.logging.log4j:log4j-core", version: "2.17.1", line: 56, direct: true},
				// ${project.groupId} and ${project.version} inherited from <parent>.
				{name: "com.acme.platform:orders-model", version: "3.4.1", line: 61, direct: true},
				// Defined in the parent POM, which is not fetched.
				{name: "com.acme.platform:platform-security", version: "${platform.security.version}", line: 66, direct: true, unpinned: true},
				{name: "com.google.guava:guava", version: "[32.0,33.0)", line: 71, direct: true, optional: true, unpinned: true},
				// Scope test comes from the management entry.
				{name: "org.junit.jupiter:junit-jupiter", version: "5.10.1", line: 77, direct: true, dev: true},
				{name: "org.mockito:mockito-core", version: "5.7.0", line: 81, direct: true, dev: true},
				{name: "jakarta.servlet:jakarta.servlet-api", version: "6.0.0", line: 93, direct: true},
			},
		},
		{
			name: "latin-1 parent with profiles and a property cycle",
			file: "pom/bom-parent.xml",
			want: []miscWant{
				{name: "io.netty:netty-handler", version: "4.1.100.Final", line: 24, direct: true},
				{name: "org.example.tools:tools-core", version: "1.8.0-SNAPSHOT", line: 29, direct: true},
				{name: "org.yaml:snakeyaml", version: "${a}", line: 34, direct: true, unpinned: true},
				{name: "commons-io:commons-io", version: "LATEST", line: 39, direct: true, unpinned: true},
				{name: "io.micrometer:micrometer-core", version: "1.12.0", line: 51, direct: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePom(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parsePom() error = %v", err)
			}
			miscCheck(t, got, Maven, tt.want)
		})
	}
}

func TestParsePomOddCases(t *testing.T) {
	t.Parallel()
	const head = "<project>\n<modelVersion>4.0.0</modelVersion>\n"
	tests := []struct {
		name string
		data string
		want []miscWant
	}{
		{
			name: "no dependencies",
			data: head + "<groupId>a</groupId><artifactId>b</artifactId><version>1</version>\n</project>\n",
		},
		{
			name: "missing version without management",
			data: head + "<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>\n</dependencies></project>",
			want: []miscWant{{name: "g:a", line: 4, direct: true, unpinned: true}},
		},
		{
			name: "exact duplicate declared twice",
			data: head + "<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>\n" +
				"<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>\n</dependencies></project>",
			want: []miscWant{{name: "g:a", version: "1.0", line: 4, direct: true}},
		},
		{
			name: "whitespace, CDATA and comments around values",
			data: head + "<dependencies>\n<dependency>\n <groupId> g </groupId>\n <artifactId><![CDATA[a]]></artifactId>\n <version><!-- pinned -->2.0</version>\n <optional> true </optional>\n</dependency>\n</dependencies></project>",
			want: []miscWant{{name: "g:a", version: "2.0", line: 4, direct: true, optional: true}},
		},
		{
			name: "classifier does not take the jar's managed version",
			data: head + "<dependencyManagement><dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>3.0</version></dependency>\n</dependencies></dependencyManagement>\n" +
				"<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><classifier>tests</classifier></dependency>\n</dependencies></project>",
			want: []miscWant{
				{name: "g:a", version: "3.0", line: 4, direct: true},
				{name: "g:a", line: 7, direct: true, unpinned: true},
			},
		},
		{
			name: "html entity and unknown environment property",
			data: head + "<description>caf&eacute;</description>\n<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${env.LIB_VERSION}</version></dependency>\n</dependencies></project>",
			want: []miscWant{{name: "g:a", version: "${env.LIB_VERSION}", line: 5, direct: true, unpinned: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parsePom("pom.xml", []byte(tt.data))
			if err != nil {
				t.Fatalf("parsePom() error = %v", err)
			}
			miscCheck(t, got, Maven, tt.want)
		})
	}
}

func TestParsePomExpansionIsBounded(t *testing.T) {
	t.Parallel()
	// Each property doubles the previous one: 2^40 bytes if expanded.
	var b strings.Builder
	b.WriteString("<project><properties>\n<p0>xxxxxxxx</p0>\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "<p%d>${p%d}${p%d}</p%d>\n", i, i-1, i-1, i)
	}
	b.WriteString("</properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${p40}</version></dependency></dependencies></project>")
	got, err := parsePom("pom.xml", []byte(b.String()))
	if err != nil {
		t.Fatalf("parsePom() error = %v", err)
	}
	miscCheck(t, got, Maven, []miscWant{{name: "g:a", version: "${p40}", line: 43, direct: true, unpinned: true}})
}

func TestParseGradleLock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		file string
		want []miscWant
	}{
		{
			name: "gradle 6+ lockfile",
			file: "gradle/gradle.lockfile",
			want: []miscWant{
				{name: "com.fasterxml.jackson.core:jackson-annotations", version: "2.16.1", line: 4},
				{name: "com.fasterxml.jackson.core:jackson-core", version: "2.16.1", line: 5},
				{name: "com.fasterxml.jackson.core:jackson-databind", version: "2.16.1", line: 6},
				{name: "com.google.code.findbugs:jsr305", version: "3.0.2", line: 7},
				{name: "io.github.classgraph:classgraph", version: "4.8.165", line: 8},
				{name: "net.bytebuddy:byte-buddy", version: "1.14.11", line: 9, dev: true},
				{name: "org.apiguardian:apiguardian-api", version: "1.1.2", line: 10, dev: true},
				{name: "org.junit.jupiter:junit-jupiter-api", version: "5.10.1", line: 11, dev: true},
				// androidTest... and ...UnitTest... are test configurations.
				{name: "org.mockito:mockito-android", version: "5.8.0", line: 12, dev: true},
				{name: "org.projectlombok:lombok", version: "1.18.30", line: 13},
				{name: "org.slf4j:slf4j-api", version: "2.0.11", line: 14},
				{name: "org.yaml:snakeyaml", version: "2.2", line: 15},
			},
		},
		{
			name: "buildscript lockfile with an empty empty= line",
			file: "gradle/buildscript-gradle.lockfile",
			want: []miscWant{
				{name: "com.github.ben-manes:gradle-versions-plugin", version: "0.51.0", line: 4},
				{name: "com.google.code.gson:gson", version: "2.10.1", line: 5},
				{name: "org.jetbrains.kotlin:kotlin-gradle-plugin", version: "1.9.22", line: 6},
			},
		},
		{
			name: "pre-6.0 per-configuration test lockfile",
			file: "gradle/testCompileClasspath.lockfile",
			want: []miscWant{
				{name: "junit:junit", version: "4.13.2", line: 4, dev: true},
				{name: "org.hamcrest:hamcrest-core", version: "1.3", line: 5, dev: true},
			},
		},
		{
			name: "pre-6.0 per-configuration main lockfile",
			file: "gradle/compileClasspath.lockfile",
			want: []miscWant{
				{name: "com.google.guava:guava", version: "31.1-jre", line: 4},
				{name: "com.google.guava:failureaccess", version: "1.0.1", line: 5},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseGradleLock(tt.file, miscRead(t, tt.file))
			if err != nil {
				t.Fatalf("parseGradleLock() error = %v", err)
			}
			miscCheck(t, got, Maven, tt.want)
		})
	}
}

func TestParseGradleLockCRLFAndDuplicates(t *testing.T) {
	t.Parallel()
	data := "# comment\r\n\r\norg.a:b:1.0=testRuntimeClasspath\r\norg.a:b:1.0=testRuntimeClasspath\r\n  org.c:d:2.0=compileClasspath, testCompileClasspath  \r\nempty=\r\n"
	got, err := parseGradleLock("gradle.lockfile", []byte(data))
	if err != nil {
		t.Fatalf("parseGradleLock() error = %v", err)
	}
	miscCheck(t, got, Maven, []miscWant{
		{name: "org.a:b", version: "1.0", line: 3, dev: true},
		{name: "org.c:d", version: "2.0", line: 5},
	})
}

func TestParseJVMErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parse    func(string, []byte) ([]Package, error)
		data     string
		wantLine int
	}{
		{"pom unclosed element", parsePom, "<project>\n<dependencies>\n<dependency>\n</dependencies>\n</project>\n", 4},
		{"pom truncated", parsePom, "<project>\n<dependencies>\n<dependency>\n", 4},
		{"pom wrong root", parsePom, "<?xml version=\"1.0\"?>\n<settings>\n</settings>\n", 2},
		{"pom empty", parsePom, "", 1},
		{"pom undefined entity", parsePom, "<project>\n<name>&bogus;</name>\n</project>\n", 2},
		{"pom unsupported encoding", parsePom, "<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?>\n<project/>\n", 1},
		{"pom too deep", parsePom, "<project>\n" + strings.Repeat("<a>", maxDepth) + strings.Repeat("</a>", maxDepth) + "</project>", 2},
		{"pom dependency without artifactId", parsePom, "<project>\n<dependencies>\n<dependency><groupId>g</groupId><version>1</version></dependency>\n</dependencies>\n</project>\n", 3},
		{"gradle missing version", parseGradleLock, "# header\norg.a:b=compileClasspath\n", 2},
		{"gradle extra part", parseGradleLock, "org.a:b:1.0:jdk8=compileClasspath\n", 1},
		{"gradle empty group", parseGradleLock, "\n\n:b:1.0=compileClasspath\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.parse("lockfile", []byte(tt.data))
			miscCheckError(t, got, err, tt.wantLine)
		})
	}
}

func BenchmarkParsePom(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("<project>\n<properties><v>1.0.0</v></properties>\n<dependencies>\n")
	for i := range 4000 {
		fmt.Fprintf(&sb, "<dependency>\n<groupId>org.example.g%d</groupId>\n<artifactId>artifact-%d</artifactId>\n<version>${v}</version>\n</dependency>\n", i%50, i)
	}
	sb.WriteString("</dependencies>\n</project>\n")
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parsePom("pom.xml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseGradleLock(b *testing.B) {
	var sb strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&sb, "org.example.g%d:artifact-%d:1.%d.0=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath\n", i%50, i, i)
	}
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := parseGradleLock("gradle.lockfile", data); err != nil {
			b.Fatal(err)
		}
	}
}
