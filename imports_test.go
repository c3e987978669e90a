package dynamodel

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/dynamodel/dynamodel"

// allowedImports is DESIGN.md's "may import" column: for each library package, the packages of
// this module it may import ("." is the root package). Arrows point only toward the leaves.
var allowedImports = map[string][]string{
	"attr":      {"internal/nullmark"}, // nullmark: a leaf that marks attr.Nullable, see attr's Nullable
	"validate":  {"attr"},
	"index":     {"attr"},
	"hooks":     {},
	"schema":    {"attr", "validate", "index", "hooks", "internal/schemaview", "internal/nullmark"}, // schemaview: see schema/view.go
	"model":     {"attr", "validate", "index", "hooks", "schema", "internal/..."},
	"tablesync": {"attr", "schema", "index", "internal/..."},
	"relation":  {"attr", "index", "schema", "model", "internal/..."},
	// dynamodeltest is for users' tests: it binds the root's Client to a test server.
	"dynamodeltest":       {".", "tablesync", "internal/..."},
	"dynamodeltest/fault": {},
	// dynamodelcli is the command line, for the dynamodel command and users' own programs.
	"dynamodelcli": {".", "attr", "index", "schema", "model", "tablesync", "internal/..."},
}

// allowedExternal lists the module paths (beyond the standard library) each library package
// may import. attr may use only the SDK's attribute value types.
var allowedExternal = map[string][]string{
	"attr":                {"github.com/aws/aws-sdk-go-v2/service/dynamodb/types", "github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"},
	"validate":            {"github.com/go-playground/validator/v10", "github.com/go-playground/validator/v10/translations/en", "github.com/go-playground/universal-translator", "github.com/go-playground/locales/en"},
	"index":               {"github.com/aws/aws-sdk-go-v2/service/dynamodb/types", "github.com/aws/aws-sdk-go-v2/aws"},
	"hooks":               {},
	"schema":              {"github.com/aws/aws-sdk-go-v2/service/dynamodb/types", "github.com/aws/aws-sdk-go-v2/aws", "github.com/go-playground/validator/v10"},
	"model":               {"github.com/aws/aws-sdk-go-v2/", "github.com/aws/smithy-go", "github.com/aws/smithy-go/middleware"},
	"tablesync":           {"github.com/aws/aws-sdk-go-v2/", "github.com/aws/smithy-go"},
	"relation":            {"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"},
	"dynamodeltest":       {"github.com/aws/aws-sdk-go-v2/"},
	"dynamodeltest/fault": {},
	"dynamodelcli":        {"github.com/aws/aws-sdk-go-v2/"},
}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Standard   bool
}

func TestImportGraph(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("decode go list output: %v", err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		if strings.HasPrefix(rel, "internal/") {
			for _, imp := range p.Imports {
				if r, ok := strings.CutPrefix(imp, module+"/"); ok && !strings.HasPrefix(r, "internal/") && r != "attr" {
					t.Errorf("%s imports %s; internal packages may import only other internal packages and attr", rel, imp)
				}
			}
			continue
		}
		allowed, isLibrary := allowedImports[rel]
		if !isLibrary {
			continue // the root, odm_test, cmd and examples may import everything
		}
		seen++
		for _, imp := range p.Imports {
			if imp == module {
				if !matchesAny(".", allowed) {
					t.Errorf("%s imports the root package %s; DESIGN.md allows only %v", rel, imp, allowed)
				}
				continue
			}
			if r, ok := strings.CutPrefix(imp, module+"/"); ok {
				if !matchesAny(r, allowed) {
					t.Errorf("%s imports %s; DESIGN.md allows only %v", rel, imp, allowed)
				}
				continue
			}
			if isStandard(imp) {
				continue
			}
			if !matchesAny(imp, allowedExternal[rel]) {
				t.Errorf("%s imports %s; allowed outside the standard library: %v", rel, imp, allowedExternal[rel])
			}
		}
	}
	if seen != len(allowedImports) {
		t.Errorf("go list found %d of the %d library packages", seen, len(allowedImports))
	}
}

func matchesAny(path string, patterns []string) bool {
	for _, p := range patterns {
		switch {
		case strings.HasSuffix(p, "/..."):
			if strings.HasPrefix(path, strings.TrimSuffix(p, "...")) {
				return true
			}
		case strings.HasSuffix(p, "/"):
			if strings.HasPrefix(path, p) {
				return true
			}
		case path == p:
			return true
		}
	}
	return false
}

// isStandard reports whether an import path belongs to the standard library: its first
// element has no dot.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func TestMatchesAny(t *testing.T) {
	tests := []struct {
		path     string
		patterns []string
		want     bool
	}{
		{"attr", []string{"attr"}, true},
		{"attribute", []string{"attr"}, false},
		{"internal/expr", []string{"internal/..."}, true},
		{"internalx", []string{"internal/..."}, false},
		{"github.com/aws/aws-sdk-go-v2/service/dynamodb", []string{"github.com/aws/aws-sdk-go-v2/"}, true},
		{"github.com/guregu/dynamo", []string{"github.com/aws/aws-sdk-go-v2/"}, false},
		{"schema", nil, false},
	}
	for _, tt := range tests {
		if got := matchesAny(tt.path, tt.patterns); got != tt.want {
			t.Errorf("matchesAny(%q, %q) = %v; want %v", tt.path, tt.patterns, got, tt.want)
		}
	}
	for path, want := range map[string]bool{"net/http": true, "github.com/x/y": false, "golang.org/x/sys": false} {
		if got := isStandard(path); got != want {
			t.Errorf("isStandard(%q) = %v; want %v", path, got, want)
		}
	}
}
