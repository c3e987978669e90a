package localdynamo

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDynamooseLockPinsItsVersion checks that the embedded lock installs the Dynamoose version
// the code names, pins every package by checksum, and names no download address (npm takes
// each package from the registry it is configured with).
func TestDynamooseLockPinsItsVersion(t *testing.T) {
	data, err := dynamooseFiles.ReadFile("dynamoose/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct {
			Version   string `json:"version"`
			Integrity string `json:"integrity"`
			Resolved  string `json:"resolved"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		t.Fatalf("package-lock.json: %v", err)
	}
	if got := lock.Packages["node_modules/dynamoose"].Version; got != DynamooseVersion {
		t.Errorf("the lock installs dynamoose %q; DynamooseVersion is %q", got, DynamooseVersion)
	}
	for name, p := range lock.Packages {
		if !strings.HasPrefix(name, "node_modules/") {
			continue
		}
		if p.Version == "" || !strings.HasPrefix(p.Integrity, "sha512-") || p.Resolved != "" {
			t.Errorf("lock entry %s = %+v; want a version, a sha512 checksum and no address", name, p)
		}
	}
	manifest, _ := dynamooseFiles.ReadFile("dynamoose/package.json")
	if !strings.Contains(string(manifest), `"dynamoose": "`+DynamooseVersion+`"`) {
		t.Errorf("package.json does not ask for dynamoose %s:\n%s", DynamooseVersion, manifest)
	}
}
