package model

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares the JSON form of a request with testdata/name.json, or rewrites the file
// with -update.
func golden(t *testing.T, name string, request any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(plain(reflect.ValueOf(request))); err != nil {
		t.Fatalf("marshal %s: %v", name, err)
	}
	got := buf.Bytes()
	file := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(got), string(want)); diff != "" {
		t.Errorf("%s request mismatch (-got +want):\n%s", name, diff)
	}
}

var avType = reflect.TypeFor[types.AttributeValue]()

// plain turns a request into values encoding/json writes readably: attribute values in
// DynamoDB's wire form ({"S": "x"}), nil pointers, empty slices and maps and unexported
// fields left out.
func plain(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if v.Type() == avType || v.Type().Implements(avType) && v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		return wireJSON(v.Interface().(types.AttributeValue))
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if p := plain(v.Field(i)); p != nil {
				m[f.Name] = p
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	case reflect.Map:
		if v.Len() == 0 {
			return nil
		}
		m := map[string]any{}
		for it := v.MapRange(); it.Next(); {
			m[it.Key().String()] = plain(it.Value())
		}
		return m
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		s := make([]any, v.Len())
		for i := range s {
			s[i] = plain(v.Index(i))
		}
		return s
	case reflect.String:
		if v.Len() == 0 {
			return nil
		}
		return v.String()
	}
	return v.Interface()
}

// wireJSON returns av as encoding/json reads DynamoDB's JSON form of it ({"S": "x"}, binary
// in base64).
func wireJSON(av types.AttributeValue) any {
	b64 := base64.StdEncoding.EncodeToString
	strs := func(ss []string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": b64(v.Value)}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": strs(v.Value)}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": strs(v.Value)}
	case *types.AttributeValueMemberBS:
		bs := make([]any, len(v.Value))
		for i, b := range v.Value {
			bs[i] = b64(b)
		}
		return map[string]any{"BS": bs}
	case *types.AttributeValueMemberL:
		l := make([]any, len(v.Value))
		for i, e := range v.Value {
			l[i] = wireJSON(e)
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberM:
		m := make(map[string]any, len(v.Value))
		for k, e := range v.Value {
			m[k] = wireJSON(e)
		}
		return map[string]any{"M": m}
	}
	return map[string]any{"unknown": reflect.TypeOf(av).String()}
}
