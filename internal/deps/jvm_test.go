package deps

import (
	"fmt"
	"strings"
	"testing"
)

func TestParsePom(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "properties, management, scopes and plugins",
			file: "pom/webapp.xml",
			want: []expectPkg{
				// An import-scope BOM no dependency uses directly.
				{"com.fasterxml.jackson:jackson-bom", "2.15.3", 29, "d"},
				// Version from dependencyManagement.
				{"org.slf4j:slf4j-api", "2.0.9", 52, "d"},
				// A property that references another property.
				{"org.apache.logging.log4j:log4j-core", "2.17.1", 56, "d"},
				// ${project.groupId} and ${project.version} inherited from <parent>.
				{"com.acme.platform:orders-model", "3.4.1", 61, "d"},
				// Defined in the parent POM, which is not fetched.
				{"com.acme.platform:platform-security", "${platform.security.version}", 66, "du"},
				{"com.google.guava:guava", "[32.0,33.0)", 71, "dou"},
				// Scope test comes from the management entry.
				{"org.junit.jupiter:junit-jupiter", "5.10.1", 77, "dv"},
				{"org.mockito:mockito-core", "5.7.0", 81, "dv"},
				{"jakarta.servlet:jakarta.servlet-api", "6.0.0", 93, "d"},
			},
		},
		{
			name: "latin-1 parent with profiles and a property cycle",
			file: "pom/bom-parent.xml",
			want: []expectPkg{
				{"io.netty:netty-handler", "4.1.100.Final", 24, "d"},
				{"org.example.tools:tools-core", "1.8.0-SNAPSHOT", 29, "d"},
				{"org.yaml:snakeyaml", "${a}", 34, "du"},
				{"commons-io:commons-io", "LATEST", 39, "du"},
				{"io.micrometer:micrometer-core", "1.12.0", 51, "d"},
			},
		},
	}
	runLockCases(t, parsePom, Maven, "", "", tests)
}

func TestParsePomOddCases(t *testing.T) {
	t.Parallel()
	const head = "<project>\n<modelVersion>4.0.0</modelVersion>\n"
	tests := []lockCase{
		{
			name: "no dependencies",
			in:   head + "<groupId>a</groupId><artifactId>b</artifactId><version>1</version>\n</project>\n",
		},
		{
			name: "missing version without management",
			in:   head + "<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>\n</dependencies></project>",
			want: []expectPkg{{"g:a", "", 4, "du"}},
		},
		{
			name: "exact duplicate declared twice",
			in: head + "<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>\n" +
				"<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency>\n</dependencies></project>",
			want: []expectPkg{{"g:a", "1.0", 4, "d"}},
		},
		{
			name: "whitespace, CDATA and comments around values",
			in:   head + "<dependencies>\n<dependency>\n <groupId> g </groupId>\n <artifactId><![CDATA[a]]></artifactId>\n <version><!-- pinned -->2.0</version>\n <optional> true </optional>\n</dependency>\n</dependencies></project>",
			want: []expectPkg{{"g:a", "2.0", 4, "do"}},
		},
		{
			name: "classifier does not take the jar's managed version",
			in: head + "<dependencyManagement><dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>3.0</version></dependency>\n</dependencies></dependencyManagement>\n" +
				"<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><classifier>tests</classifier></dependency>\n</dependencies></project>",
			want: []expectPkg{
				{"g:a", "3.0", 4, "d"},
				{"g:a", "", 7, "du"},
			},
		},
		{
			name: "html entity and unknown environment property",
			in:   head + "<description>caf&eacute;</description>\n<dependencies>\n<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${env.LIB_VERSION}</version></dependency>\n</dependencies></project>",
			want: []expectPkg{{"g:a", "${env.LIB_VERSION}", 5, "du"}},
		},
	}
	runLockCases(t, parsePom, Maven, "", "pom.xml", tests)
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
	got := mustParse(t, parsePom, "pom.xml", []byte(b.String()))
	checkPackages(t, got, Maven, []expectPkg{{"g:a", "${p40}", 43, "du"}})
}

func TestParseGradleLock(t *testing.T) {
	t.Parallel()
	tests := []lockCase{
		{
			name: "gradle 6+ lockfile",
			file: "gradle/gradle.lockfile",
			want: []expectPkg{
				{"com.fasterxml.jackson.core:jackson-annotations", "2.16.1", 4, ""},
				{"com.fasterxml.jackson.core:jackson-core", "2.16.1", 5, ""},
				{"com.fasterxml.jackson.core:jackson-databind", "2.16.1", 6, ""},
				{"com.google.code.findbugs:jsr305", "3.0.2", 7, ""},
				{"io.github.classgraph:classgraph", "4.8.165", 8, ""},
				{"net.bytebuddy:byte-buddy", "1.14.11", 9, "v"},
				{"org.apiguardian:apiguardian-api", "1.1.2", 10, "v"},
				{"org.junit.jupiter:junit-jupiter-api", "5.10.1", 11, "v"},
				// androidTest... and ...UnitTest... are test configurations.
				{"org.mockito:mockito-android", "5.8.0", 12, "v"},
				{"org.projectlombok:lombok", "1.18.30", 13, ""},
				{"org.slf4j:slf4j-api", "2.0.11", 14, ""},
				{"org.yaml:snakeyaml", "2.2", 15, ""},
			},
		},
		{
			name: "buildscript lockfile with an empty empty= line",
			file: "gradle/buildscript-gradle.lockfile",
			want: []expectPkg{
				{"com.github.ben-manes:gradle-versions-plugin", "0.51.0", 4, ""},
				{"com.google.code.gson:gson", "2.10.1", 5, ""},
				{"org.jetbrains.kotlin:kotlin-gradle-plugin", "1.9.22", 6, ""},
			},
		},
		{
			name: "pre-6.0 per-configuration test lockfile",
			file: "gradle/testCompileClasspath.lockfile",
			want: []expectPkg{
				{"junit:junit", "4.13.2", 4, "v"},
				{"org.hamcrest:hamcrest-core", "1.3", 5, "v"},
			},
		},
		{
			name: "pre-6.0 per-configuration main lockfile",
			file: "gradle/compileClasspath.lockfile",
			want: []expectPkg{
				{"com.google.guava:guava", "31.1-jre", 4, ""},
				{"com.google.guava:failureaccess", "1.0.1", 5, ""},
			},
		},
	}
	runLockCases(t, parseGradleLock, Maven, "", "", tests)
}

func TestParseGradleLockCRLFAndDuplicates(t *testing.T) {
	t.Parallel()
	data := "# comment\r\n\r\norg.a:b:1.0=testRuntimeClasspath\r\norg.a:b:1.0=testRuntimeClasspath\r\n  org.c:d:2.0=compileClasspath, testCompileClasspath  \r\nempty=\r\n"
	got := mustParse(t, parseGradleLock, "gradle.lockfile", []byte(data))
	checkPackages(t, got, Maven, []expectPkg{
		{"org.a:b", "1.0", 3, "v"},
		{"org.c:d", "2.0", 5, ""},
	})
}

func TestParseJVMErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		parse    parseFunc
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
			checkParseError(t, tt.parse, "lockfile", tt.data, tt.wantLine)
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
	benchParse(b, parsePom, "pom.xml", []byte(sb.String()))
}

func BenchmarkParseGradleLock(b *testing.B) {
	var sb strings.Builder
	for i := range 4000 {
		fmt.Fprintf(&sb, "org.example.g%d:artifact-%d:1.%d.0=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath\n", i%50, i, i)
	}
	benchParse(b, parseGradleLock, "gradle.lockfile", []byte(sb.String()))
}
