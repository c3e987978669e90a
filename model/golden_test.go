package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"

	"github.com/dynamodel/dynamodel/attr"
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

// wireJSON returns av as encoding/json reads DynamoDB's JSON form of it.
func wireJSON(av types.AttributeValue) any {
	b, ok := attr.AppendValueJSON(nil, av)
	if !ok {
		return map[string]any{"unknown": reflect.TypeOf(av).String()}
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		panic(err)
	}
	return v
}
