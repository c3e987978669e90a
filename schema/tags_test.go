package schema

import (
	"errors"
	"strings"
	"testing"
)

type jsonOnlyUser struct {
	ID    string `json:"id"`
	Email string `json:"email,omitempty"`
	Inner struct {
		City string `json:"city"`
	} `json:"inner"`
}

type mixedTags struct {
	ID    string `dynamo:"id" json:"id"`
	Email string `dynamodbav:"email" json:"mail"` // the SDK's tag names it: stored as email
	Name  string `json:"Name"`                    // the json name is the Go name: stored as Name
	Skip  string `json:"-"`
	Plain string
}

// TestForRefusesJSONTagsWithoutDynamoTags checks that a field named only by a json tag is
// refused at construction with the fix, and that fields whose dynamo or dynamodbav tag names
// them, or whose json name is their Go name, are accepted.
func TestForRefusesJSONTagsWithoutDynamoTags(t *testing.T) {
	_, err := For[jsonOnlyUser](Attr("ID", HashKey()))
	var se *Error
	if !errors.As(err, &se) {
		t.Fatalf("For[jsonOnlyUser] = %v; want a *schema.Error", err)
	}
	for _, want := range []string{
		`attribute "ID": field ID has the tag json:"id" but no dynamo tag, so it would be stored as "ID"; add ` + "`dynamo:\"id\"`",
		`attribute "Email": field Email has the tag json:"email,omitempty"`,
		`attribute "Inner": field Inner`,
		`attribute "Inner.City": field City has the tag json:"city"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("For[jsonOnlyUser] error = %q; want it to contain %q", err, want)
		}
	}
	if _, err := For[mixedTags](Attr("id", HashKey())); err != nil {
		t.Errorf("For[mixedTags] = %v; want nil", err)
	}
}
