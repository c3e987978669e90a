package schema

import (
	"strings"

	"github.com/dynamodel/dynamodel/attr"
)

// checkForeignTag reports a field that another library's tag names differently from where it
// would be stored: a `json:"email"` tag without a dynamo (or the SDK's dynamodbav) tag stores
// the field under its Go name, Email, which is rarely what the tag's author meant.
func (b *builder) checkForeignTag(f attr.Field, path string) {
	if _, ok := f.Tag.Lookup("dynamo"); ok {
		return
	}
	if _, ok := f.Tag.Lookup("dynamodbav"); ok {
		return
	}
	raw, ok := f.Tag.Lookup("json")
	if !ok {
		return
	}
	name, _, _ := strings.Cut(raw, ",")
	if name == "" || name == "-" || name == f.GoName {
		return
	}
	b.problem("attribute %q: field %s has the tag json:%q but no dynamo tag, so it would be stored as %q; "+
		"add `dynamo:%q` to store it under the json name (or `dynamo:%q` to keep the Go name)",
		path, f.GoName, raw, f.Name, name, f.GoName)
}
