// Command apisurface counts the exported names of the library: what a user of the module can
// name from outside it. It type-checks each library package (every package of the module but
// internal/..., odm_test, examples, commands and the bench module) from its non-test files and
// counts, per package:
//
//   - top-level: the exported constants, variables, types and functions;
//   - methods: the exported methods of each exported type, including the methods promoted from
//     embedded fields (they are in the method set of *T), and the methods of exported interfaces;
//   - fields: the exported fields of exported struct types (direct, embedded ones included).
//
// The total is top-level + methods + fields. Run it from the module root:
//
//	go run ./internal/cmd/apisurface        one line per package and the total
//	go run ./internal/cmd/apisurface -v     and every name counted
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

type listed struct {
	ImportPath string
	Dir        string
	Name       string
	GoFiles    []string
}

func main() {
	verbose := flag.Bool("v", false, "list every exported name counted")
	flag.Parse()
	if err := run(os.Stdout, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "apisurface:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, verbose bool) error {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		return fmt.Errorf("go list: %w", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		if library(p) {
			pkgs = append(pkgs, p)
		}
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	var total, tops, methods, fields int
	for _, p := range pkgs {
		names, err := exported(fset, imp, p)
		if err != nil {
			return err
		}
		t, m, f := 0, 0, 0
		for _, n := range names {
			switch n.kind {
			case "top":
				t++
			case "method":
				m++
			case "field":
				f++
			}
		}
		fmt.Fprintf(w, "%-50s %4d  (top-level %d, methods %d, fields %d)\n", p.ImportPath, t+m+f, t, m, f)
		if verbose {
			for _, n := range names {
				fmt.Fprintf(w, "\t%-6s %s\n", n.kind, n.name)
			}
		}
		tops, methods, fields, total = tops+t, methods+m, fields+f, total+t+m+f
	}
	fmt.Fprintf(w, "%-50s %4d  (top-level %d, methods %d, fields %d)\n", "total", total, tops, methods, fields)
	return nil
}

// library reports whether p is one of the library's packages.
func library(p listed) bool {
	for _, part := range strings.Split(p.ImportPath, "/") {
		switch part {
		case "internal", "odm_test", "examples", "bench":
			return false
		}
	}
	return p.Name != "main"
}

type name struct{ kind, name string }

// exported type-checks p from its non-test files and returns its exported names, sorted.
func exported(fset *token.FileSet, imp types.Importer, p listed) ([]name, error) {
	var files []*ast.File
	for _, f := range p.GoFiles {
		af, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, af)
	}
	pkg, err := (&types.Config{Importer: imp}).Check(p.ImportPath, fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("type-check %s: %w", p.ImportPath, err)
	}
	var names []name
	scope := pkg.Scope()
	for _, id := range scope.Names() {
		obj := scope.Lookup(id)
		if !obj.Exported() {
			continue
		}
		names = append(names, name{"top", id})
		tn, ok := obj.(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		T := tn.Type()
		var ms *types.MethodSet
		if types.IsInterface(T) {
			ms = types.NewMethodSet(T)
		} else {
			ms = types.NewMethodSet(types.NewPointer(T))
		}
		for i := range ms.Len() {
			if m := ms.At(i).Obj(); m.Exported() {
				names = append(names, name{"method", id + "." + m.Name()})
			}
		}
		if st, ok := T.Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				if f := st.Field(i); f.Exported() {
					names = append(names, name{"field", id + "." + f.Name()})
				}
			}
		}
	}
	sort.Slice(names, func(i, j int) bool { return names[i].name < names[j].name })
	return names, nil
}
