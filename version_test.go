package dynamodel

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVersionIsInChangelog checks that Version is a semantic version with a section of its
// own in CHANGELOG.md, so that a release cannot ship without saying what it changed.
func TestVersionIsInChangelog(t *testing.T) {
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(Version) {
		t.Fatalf("Version = %q; want MAJOR.MINOR.PATCH", Version)
	}
	log, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), "\n## "+Version) {
		t.Errorf("CHANGELOG.md has no section \"## %s\"", Version)
	}
	if got := BuildVersion(); !strings.HasPrefix(got, Version) {
		t.Errorf("BuildVersion() = %q; want it to start with %q", got, Version)
	}
}
