package validate

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestErrorMessages(t *testing.T) {
	city := &FieldError{Path: "addresses[0].city", Rule: "required"}
	age := &FieldError{Path: "age", Rule: "min=18", Value: 12}
	why := errors.New("no MX record")
	mail := &FieldError{Path: "email", Rule: "mx", Value: "a@b.c", Err: why}
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"empty", &Error{}, "validate: invalid item"},
		{"one", &Error{Fields: []*FieldError{city}}, "validate: addresses[0].city: required"},
		{"value and reason", &Error{Fields: []*FieldError{mail}}, `validate: email: mx: no MX record (value "a@b.c")`},
		{"several", &Error{Fields: []*FieldError{city, age}}, "validate: 2 invalid attributes: addresses[0].city: required; age: min=18 (value 12)"},
		{"item rule", &Error{Fields: []*FieldError{{Rule: "item", Err: why}}}, "validate: item: no MX record"},
		// A validator tag's English message names the rule in words: it is not named twice.
		{"tag with message", &Error{Fields: []*FieldError{tagged(t, "email", "required,email", "ada at example.com")}},
			`validate: email must be a valid email address (value "ada at example.com")`},
		{"tag with param", &Error{Fields: []*FieldError{tagged(t, "addresses[0].city", "min=3", "ab"), city}},
			`validate: 2 invalid attributes: addresses[0].city must be at least 3 characters in length (value "ab"); addresses[0].city: required`},
		{"tag without path", &Error{Fields: []*FieldError{tagged(t, "", "gte=18", 17)}}, "validate: must be 18 or greater (value 17)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestErrorMatching(t *testing.T) {
	why := errors.New("no MX record")
	err := error(&Error{Fields: []*FieldError{
		{Path: "name", Rule: "required"},
		{Path: "email", Rule: "mx", Err: why},
	}})
	tests := []struct {
		name   string
		target error
		want   bool
	}{
		{"sentinel", ErrInvalid, true},
		{"reason of a field", why, true},
		{"unrelated", errors.New("other"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(err, tt.target); got != tt.want {
				t.Errorf("errors.Is(%v, %v) = %v; want %v", err, tt.target, got, tt.want)
			}
		})
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Path != "name" {
		t.Errorf("errors.As(%v) = %v; want the name field", err, fe)
	}
	var ve *Error
	if !errors.As(err, &ve) {
		t.Fatalf("errors.As(%v, *Error) = false; want true", err)
	}
	if got := ve.Field("email"); got == nil || got.Rule != "mx" {
		t.Errorf("Field(email) = %v; want the mx failure", got)
	}
	if got := ve.Field("missing"); got != nil {
		t.Errorf("Field(missing) = %v; want nil", got)
	}
}

func TestDescribeCutsLongValues(t *testing.T) {
	long := make([]byte, 100)
	for i := range long {
		long[i] = 'x'
	}
	fe := &FieldError{Path: "bio", Rule: "max=10", Value: string(long)}
	got := fe.Error()
	want := `bio: max=10 (value "` + string(long[:64]) + `...")`
	if got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
}

// TestErrorJSONForClients checks the JSON an HTTP handler returns for a refused item: each
// field's path, rule, message and value, with no value for an absent attribute and a
// description for a value JSON cannot hold.
func TestErrorJSONForClients(t *testing.T) {
	fn := func() {}
	e := &Error{Fields: []*FieldError{
		{Path: "email", Rule: "email", Value: "nope"},
		{Path: "name", Rule: "required"},
		{Path: "age", Rule: "check", Err: errors.New("too young"), Value: 3},
		{Path: "f", Rule: "func", Value: fn},
	}}
	got, err := json.Marshal(e)
	if err != nil {
		t.Fatalf("json.Marshal = %v", err)
	}
	want := `{"fields":[` +
		`{"path":"email","rule":"email","message":"email: email (value \"nope\")","value":"nope"},` +
		`{"path":"name","rule":"required","message":"name: required"},` +
		`{"path":"age","rule":"check","message":"age: check: too young (value 3)","value":3},` +
		`{"path":"f","rule":"func","message":"f: func (value ` + describe(fn) + `)","value":"` + describe(fn) + `"}]}`
	if string(got) != want {
		t.Errorf("json.Marshal(err) = %s; want %s", got, want)
	}
}

// tagged is the failure of validator tag on v, at path.
func tagged(t *testing.T, path, tag string, v any) *FieldError {
	t.Helper()
	fe := Tag(tag).Check(v)
	if fe == nil {
		t.Fatalf("Tag(%q).Check(%v) = nil; want a failure", tag, v)
	}
	fe.Path = path
	return fe
}
