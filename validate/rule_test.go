package validate

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
)

type color string

// Number is a user's string type that happens to share attr.Number's name: it holds text
// (a phone number), never a number.
type Number string

func positive(v int) error {
	if v <= 0 {
		return errors.New("must be positive")
	}
	return nil
}

func TestRules(t *testing.T) {
	tests := []struct {
		name     string
		rule     Rule
		value    any
		wantRule string // "" when the value passes
		wantErr  string // substring of FieldError.Err, "" for none
	}{
		{"func passes", Func("positive", positive), 3, "", ""},
		{"func refuses", Func("positive", positive), -1, "positive", "must be positive"},
		{"func wrong type", Func("positive", positive), "x", "positive", "got string, want int"},
		{"func unnamed", Func("", positive), 0, "func", "must be positive"},
		{"regexp matches", Regexp(regexp.MustCompile(`^\d{3}-\d{4}$`)), "555-1234", "", ""},
		{"regexp does not match", Regexp(regexp.MustCompile(`^\d{3}-\d{4}$`)), "5551234", "regexp", `does not match ^\d{3}-\d{4}$`},
		{"regexp named string type", Regexp(regexp.MustCompile(`^red$`)), color("red"), "", ""},
		{"regexp not a string", Regexp(regexp.MustCompile(`.`)), 5, "regexp", "want a string"},
		{"regexp number type", Regexp(regexp.MustCompile(`.`)), attr.Number("5"), "regexp", "want a string"},
		{"regexp user type named Number", Regexp(regexp.MustCompile(`^\+\d{11}$`)), Number("+33612345678"), "", ""},
		{"regexp user type named Number refuses", Regexp(regexp.MustCompile(`^\+\d{11}$`)), Number("0612"), "regexp", "does not match"},
		{"enum user type named Number", Enum("+33612345678", "+33698765432"), Number("+33612345678"), "", ""},
		{"enum attr.Number by value", Enum(12.5), attr.Number("12.50"), "", ""},
		{"regexp with a repeated group", Regexp(regexp.MustCompile(`^(ab)+$`)), "abab", "", ""},
		{"regexp with a repeated group refuses", Regexp(regexp.MustCompile(`^(ab)+$`)), "aba", "regexp", "does not match"},
		{"regexp case-insensitive", Regexp(regexp.MustCompile(`(?i)^hello$`)), "HeLLo", "", ""},
		{"regexp unanchored finds a match inside", Regexp(regexp.MustCompile(`abc`)), "xabcx", "", ""},
		{"regexp compiled POSIX", Regexp(regexp.MustCompilePOSIX(`^a*?b$`)), "aab", "", ""},
		{"func named type", Func("color", func(c color) error { return errors.New("no " + string(c)) }), color("red"), "color", "no red"},
		{"value equal", Value("fixed"), "fixed", "", ""},
		{"value differs", Value("fixed"), "other", "value", `want "fixed"`},
		{"value number kinds", Value(5), int64(5), "", ""},
		{"enum member", Enum("Golden retriever", "Beagle"), "Beagle", "", ""},
		{"enum not a member", Enum("Golden retriever", "Beagle"), "Poodle", "enum", `want one of ["Golden retriever" "Beagle"]`},
		{"enum numbers", Enum(1, 2, 3), 2.0, "", ""},
		{"enum set all members", Enum("a", "b"), []string{"a", "b"}, "", ""},
		{"enum set one outsider", Enum("a", "b"), []string{"a", "z"}, "enum", `"z" is not one of`},
		{"enum named string", Enum("red", "blue"), color("blue"), "", ""},
		{"tag passes", Tag("required,email"), "ada@example.com", "", ""},
		{"tag fails with param", Tag("min=3,max=5"), "ab", "min=3", "must be at least 3 characters in length"},
		{"tag fails without param", Tag("required,email"), "not-an-email", "email", "must be a valid email address"},
		{"tag on a number", Tag("gte=18"), 17, "gte=18", "must be 18 or greater"},
		{"zero rule", Rule{}, "anything", "", ""},
	}
	// Every rule is checked three ways, which must agree: Check with the boxed value, and
	// CheckValue with the value addressable (read in place by Func and Regexp) and not.
	ways := []struct {
		name  string
		check func(r Rule, v any) *FieldError
	}{
		{"Check", Rule.Check},
		{"CheckValue", func(r Rule, v any) *FieldError {
			rv := reflect.New(reflect.TypeOf(v)).Elem()
			rv.Set(reflect.ValueOf(v))
			return r.CheckValue(rv)
		}},
		{"CheckValue unaddressable", func(r Rule, v any) *FieldError { return r.CheckValue(reflect.ValueOf(v)) }},
	}
	for _, tt := range tests {
		for _, way := range ways {
			t.Run(tt.name+"/"+way.name, func(t *testing.T) {
				fe := way.check(tt.rule, tt.value)
				if tt.wantRule == "" {
					if fe != nil {
						t.Fatalf("%s(%v) = %v; want nil", way.name, tt.value, fe)
					}
					return
				}
				if fe == nil {
					t.Fatalf("%s(%v) = nil; want a failure of %q", way.name, tt.value, tt.wantRule)
				}
				if fe.Rule != tt.wantRule {
					t.Errorf("%s(%v).Rule = %q; want %q", way.name, tt.value, fe.Rule, tt.wantRule)
				}
				if fmt.Sprint(fe.Value) != fmt.Sprint(tt.value) {
					t.Errorf("%s(%v).Value = %v; want %v", way.name, tt.value, fe.Value, tt.value)
				}
				gotErr := ""
				if fe.Err != nil {
					gotErr = fe.Err.Error()
				}
				if tt.wantErr == "" && gotErr != "" || !strings.Contains(gotErr, tt.wantErr) {
					t.Errorf("%s(%v).Err = %q; want it to contain %q", way.name, tt.value, gotErr, tt.wantErr)
				}
			})
		}
	}
}

func TestCheckValueInvalid(t *testing.T) {
	for _, r := range []Rule{Func("positive", positive), Regexp(regexp.MustCompile(`^a$`)), Value(nil)} {
		fe := r.CheckValue(reflect.Value{})
		if want := r.Check(nil); (fe == nil) != (want == nil) {
			t.Errorf("%s: CheckValue(invalid) = %v; want %v, as Check(nil)", r.Name(), fe, want)
		}
	}
}

func TestUnusableRules(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
	}{
		{"unknown tag", Tag("required,no_such_rule")},
		{"nil func", Func[string]("f", nil)},
		{"nil regexp", Regexp(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.rule.Err(); !errors.Is(err, ErrRule) {
				t.Errorf("Err() = %v; want %v", err, ErrRule)
			}
			if fe := tt.rule.Check("x"); fe == nil || !errors.Is(fe.Err, ErrRule) {
				t.Errorf("Check(x) = %v; want a failure wrapping %v", fe, ErrRule)
			}
		})
	}
}

func TestTagKindMismatchIsUnusable(t *testing.T) {
	// dive needs a slice or a map; the validator panics on a string, which Check reports.
	r := Tag("dive,required")
	if err := r.Err(); err != nil {
		t.Fatalf("Err() = %v; want nil (the tag exists)", err)
	}
	if fe := r.Check("x"); fe == nil || !errors.Is(fe.Err, ErrRule) {
		t.Errorf("Check(x) = %v; want a failure wrapping %v", fe, ErrRule)
	}
	if fe := r.Check([]string{"a", ""}); fe == nil || fe.Rule != "required" {
		t.Errorf("Check([a ]) = %v; want a required failure", fe)
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		want string
	}{
		{"func int", Func("f", positive), "int"},
		{"func any", Func("f", func(any) error { return nil }), "<nil>"},
		{"regexp", Regexp(regexp.MustCompile(".")), "string"},
		{"enum", Enum(1), "<nil>"},
		{"tag", Tag("min=1"), "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(tt.rule.Accepts()); got != tt.want {
				t.Errorf("Accepts() = %s; want %s", got, tt.want)
			}
		})
	}
}

func TestEqual(t *testing.T) {
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"same strings", "a", "a", true},
		{"different strings", "a", "b", false},
		{"int and int64", 3, int64(3), true},
		{"int and float", 3, 3.0, true},
		{"int and fraction", 3, 3.5, false},
		{"uint and int", uint8(7), 7, true},
		{"attr.Number text and float", attr.Number("12.50"), 12.5, true},
		{"attr.Number text differs", attr.Number("12"), 13, false},
		{"attr.Numbers by value", attr.Number("1.0"), attr.Number("1"), true},
		{"user type named Number is text", Number("12"), "12", true},
		{"user type named Number is not a number", Number("12.50"), 12.5, false},
		{"user type named Number by text", Number("1.0"), Number("1"), false},
		{"time in two zones", now, now.In(time.FixedZone("x", 3600)), true},
		{"time and other", now, "2026", false},
		{"named and plain string", color("red"), "red", true},
		{"string and number", "1", 1, false},
		{"slices deep", []string{"a"}, []string{"a"}, true},
		{"slices differ", []string{"a"}, []string{"b"}, false},
		{"both nil", nil, nil, true},
		{"nil and value", nil, 0, false},
		{"bools", true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%v, %v) = %v; want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
