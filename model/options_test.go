package model

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Each option type implements the option interfaces of the operations that take it.
var (
	_ GetOption        = Consistent()
	_ GetPartialOption = Consistent()
	_ GetPartialOption = Project("a")
	_ PutOption        = If(Condition{})
	_ PutOption        = ReturnOld(&order{})
	_ PutOption        = ReturnStored(&order{})
	_ DeleteOption     = If(Condition{})
	_ DeleteOption     = ReturnOld(&order{})
)

// TestOptionsTypeCheck type-checks calls of the operations with each option against the
// compiled package: the options an operation takes compile, and those it does not take —
// refused at run time with an *InputError (or ErrPartialRead) before the options were
// typed — are type errors.
func TestOptionsTypeCheck(t *testing.T) {
	imp := exportImporter(t)
	allowed := []string{
		`m.Get(ctx, k)`,
		`m.Get(ctx, k, model.Consistent())`,
		`m.GetPartial(ctx, k, model.Consistent(), model.Project("a"))`,
		`m.BatchGet(ctx, ks, model.Consistent())`,
		`m.BatchGetPartial(ctx, ks, model.Project("a"), model.Consistent())`,
		`m.Put(ctx, &x, model.If(c), model.ReturnOld(&x), model.ReturnStored(&x))`,
		`m.Put(ctx, &x, []model.PutOption{model.If(c), model.ReturnOld(&x)}...)`,
		`m.Create(ctx, &x, model.If(c), model.ReturnOld(&x), model.ReturnStored(&x))`,
		`m.Delete(ctx, k, model.If(c), model.ReturnOld(&x))`,
		`m.TxPut(&x, model.If(c))`,
		`m.TxCreate(&x, model.If(c))`,
		`m.TxDelete(k, model.If(c))`,
		`m.TxGet(k, &x)`,
		`m.TxGetPartial(k, &p, model.Project("a"))`,
		`m.GetRequest(ctx, k, model.Consistent(), model.Project("a"))`,
		`m.PutRequest(ctx, &x, model.If(c), model.ReturnOld(&x))`,
		`m.CreateRequest(ctx, &x, model.ReturnStored(&x))`,
		`m.DeleteRequest(ctx, k, model.If(c))`,
		`m.BatchGetRequests(ctx, ks, model.Consistent(), model.Project("a"))`,
	}
	refused := []string{
		`m.Get(ctx, k, model.Project("a"))`,
		`m.Get(ctx, k, model.If(c))`,
		`m.Get(ctx, k, model.ReturnOld(&x))`,
		`m.GetPartial(ctx, k, model.If(c))`,
		`m.BatchGet(ctx, ks, model.Project("a"))`,
		`m.BatchGet(ctx, ks, model.If(c))`,
		`m.BatchGetPartial(ctx, ks, model.ReturnOld(&x))`,
		`m.Put(ctx, &x, model.Consistent())`,
		`m.Put(ctx, &x, model.Project("a"))`,
		`m.Create(ctx, &x, model.Consistent())`,
		`m.Delete(ctx, k, model.Consistent())`,
		`m.Delete(ctx, k, model.Project("a"))`,
		`m.Delete(ctx, k, model.ReturnStored(&x))`,
		`m.TxPut(&x, model.ReturnStored(&x))`,
		`m.TxPut(&x, model.ReturnOld(&x))`,
		`m.TxPut(&x, model.Consistent())`,
		`m.TxCreate(&x, model.ReturnOld(&x))`,
		`m.TxDelete(k, model.ReturnOld(&x))`,
		`m.TxGet(k, &x, model.Project("a"))`,
		`m.TxGet(k, &x, model.Consistent())`,
		`m.TxGetPartial(k, &p, model.Consistent())`,
		`m.PutRequest(ctx, &x, model.Consistent())`,
		`m.DeleteRequest(ctx, k, model.ReturnStored(&x))`,
		`m.GetRequest(ctx, k, model.If(c))`,
		`m.Put(ctx, &x, fake{})`, // a type outside the package cannot pose as an option
	}
	for _, call := range allowed {
		t.Run("allowed/"+call, func(t *testing.T) {
			if err := typeCheck(imp, call); err != nil {
				t.Errorf("%s does not compile: %v; want it to", call, err)
			}
		})
	}
	for _, call := range refused {
		t.Run("refused/"+call, func(t *testing.T) {
			err := typeCheck(imp, call)
			if err == nil {
				t.Errorf("%s compiles; want a type error", call)
			} else if msg := err.Error(); !strings.Contains(msg, "cannot use model.") && !strings.Contains(msg, "cannot use fake{}") && !strings.Contains(msg, "too many arguments") {
				t.Errorf("%s: %v; want an error about the option's type", call, err)
			}
		})
	}
}

// typeCheck type-checks call in a function of a package that imports this one.
func typeCheck(imp types.Importer, call string) error {
	src := `package p

import (
	"context"

	"github.com/dynamodel/dynamodel/model"
)

type item struct{ ID string }

type fake struct{}

func (fake) putOption() {}

func f(ctx context.Context, m *model.Model[item], k model.Key, ks []model.Key, x item, p model.Partial[item], c model.Condition) {
	_ = ` + call + `
	_, _, _, _, _, _ = k, ks, x, p, c, fake{}
}
`
	// Some calls return two values; assign what they return to as many blanks.
	src = strings.Replace(src, "\t_ = "+call, "\t"+blanks(call)+" = "+call, 1)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		return err
	}
	conf := types.Config{Importer: imp}
	_, err = conf.Check("p", fset, []*ast.File{f}, nil)
	return err
}

// blanks returns the blank identifiers to assign the results of call to.
func blanks(call string) string {
	name := strings.TrimPrefix(call, "m.")
	name = name[:strings.IndexByte(name, '(')]
	switch name {
	case "Delete", "Put", "Create":
		return "_"
	case "TxPut", "TxCreate", "TxDelete", "TxGet", "TxGetPartial":
		return "_"
	}
	return "_, _"
}

// exportImporter returns an importer of the compiled export data of this package and its
// dependencies, as `go list -export` builds them.
func exportImporter(t *testing.T) types.Importer {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build export data: %v", err)
	}
	out, err := exec.Command(goTool, "list", "-export", "-deps", "-f", "{{.ImportPath}} {{.Export}}", "github.com/dynamodel/dynamodel/model").Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), " "); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	})
}

var sinkCall call

// TestOptionsAllocateNothing: reading a call's options allocates nothing, with no option
// (the fast path of every operation) and with options whose values fit in an interface
// (If, ReturnOld, ReturnStored, Consistent).
func TestOptionsAllocateNothing(t *testing.T) {
	var dst order
	cond := Where("status").Eq("new")
	put := func(opts ...PutOption) { sinkCall = callOf(opts) }
	get := func(opts ...GetOption) { sinkCall = callOf(opts) }
	tests := []struct {
		name string
		run  func()
	}{
		{"no option", func() { put() }},
		{"put options", func() { put(If(cond), ReturnOld(&dst), ReturnStored(&dst)) }},
		{"get options", func() { get(Consistent()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.run); n != 0 {
				t.Errorf("%s: %v allocations; want 0", tt.name, n)
			}
		})
	}
	if c := callOf([]PutOption{If(cond), ReturnOld(&dst)}); c.cond.IsZero() || c.oldDst != &dst {
		t.Errorf("callOf(If, ReturnOld) = %+v; want the condition and the destination", c)
	}
}
