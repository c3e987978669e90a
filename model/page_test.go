package model

import (
	"encoding/json"
	"testing"
)

// TestPageJSONForClients checks the JSON form of a page that an HTTP handler returns: items
// and cursor under lowercase names, and no cursor after the last page.
func TestPageJSONForClients(t *testing.T) {
	type item struct {
		ID string `json:"id"`
	}
	for _, tc := range []struct {
		name string
		page Page[item]
		want string
	}{
		{"more", Page[item]{Items: []item{{"a"}, {"b"}}, Cursor: "abc"}, `{"items":[{"id":"a"},{"id":"b"}],"cursor":"abc"}`},
		{"last", Page[item]{Items: []item{{"a"}}}, `{"items":[{"id":"a"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.page)
			if err != nil || string(got) != tc.want {
				t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tc.page, got, err, tc.want)
			}
		})
	}
}
