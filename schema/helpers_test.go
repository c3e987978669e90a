package schema

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/validate"
)

// fixed is the time of the test clock.
var fixed = time.Date(2026, 11, 21, 10, 30, 0, 0, time.UTC)

func clock() Option { return Clock(func() time.Time { return fixed }) }

// render writes attribute values compactly and deterministically: S"x", N5, BOOL true,
// M{a:S"x"}, L[N1 N2], SS["a" "b"].
func render(av types.AttributeValue) string {
	switch av := av.(type) {
	case nil:
		return "<nil>"
	case *types.AttributeValueMemberS:
		return fmt.Sprintf("S%q", av.Value)
	case *types.AttributeValueMemberN:
		return "N" + av.Value
	case *types.AttributeValueMemberB:
		return fmt.Sprintf("B%q", av.Value)
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprintf("BOOL %v", av.Value)
	case *types.AttributeValueMemberNULL:
		return "NULL"
	case *types.AttributeValueMemberM:
		return "M" + renderItem(av.Value)
	case *types.AttributeValueMemberL:
		parts := make([]string, len(av.Value))
		for i, e := range av.Value {
			parts[i] = render(e)
		}
		return "L[" + strings.Join(parts, " ") + "]"
	case *types.AttributeValueMemberSS:
		v := slices.Sorted(slices.Values(av.Value))
		return fmt.Sprintf("SS%q", v)
	case *types.AttributeValueMemberNS:
		v := slices.Sorted(slices.Values(av.Value))
		return fmt.Sprintf("NS%v", v)
	case *types.AttributeValueMemberBS:
		return fmt.Sprintf("BS%q", av.Value)
	}
	return fmt.Sprintf("%T", av)
}

func renderItem(item map[string]types.AttributeValue) string {
	if item == nil {
		return "<nil>"
	}
	keys := make([]string, 0, len(item))
	for k := range item {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + render(item[k])
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// failures lists the failing fields of a *validate.Error as "path:rule", or the error's
// text for other errors, or "" for nil.
func failures(err error) string {
	if err == nil {
		return ""
	}
	var ve *validate.Error
	if !errors.As(err, &ve) {
		return "error: " + err.Error()
	}
	parts := make([]string, len(ve.Fields))
	for i, f := range ve.Fields {
		parts[i] = f.Path + ":" + f.Rule
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func ms(t time.Time) string { return fmt.Sprint(t.UnixMilli()) }

// mustSchema returns a function that fails the test when a schema cannot be built:
// mustSchema(t)(For[User]()).
// The schema is returned untyped, so that a table of cases can hold schemas of several item
// types.
func mustSchema(t *testing.T) func(typed, error) *core {
	t.Helper()
	return func(s typed, err error) *core {
		t.Helper()
		if err != nil {
			t.Fatalf("building the schema: %v", err)
		}
		return s.untyped()
	}
}

// typed is a *Schema[T] of any T, or a *core.
type typed interface{ untyped() *core }

func (s *core) untyped() *core { return s }

// untype returns the compiled schema of s, for tables of cases with schemas of several item
// types: untype(For[User]()).
func untype[T any](s *Schema[T], err error) (*core, error) {
	if err != nil {
		return nil, err
	}
	return s.core, nil
}
