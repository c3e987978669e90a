package interop_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/schema"
)

type versionInfo struct {
	Major int  `dynamo:"major"`
	Beta  bool `dynamo:"beta"`
}

type constItem struct {
	ID      string       `dynamo:"id"`
	Version int          `dynamo:"version"`
	Live    bool         `dynamo:"live"`
	Info    *versionInfo `dynamo:"info,omitempty"`
}

var constSchema = schema.Must(schema.For[constItem](
	schema.Attr("id", schema.HashKey()),
	schema.Attr("version", schema.Constant(2)),
	schema.Attr("live", schema.Constant(false)),
	schema.Attr("info.major", schema.Constant(3)),
	schema.Attr("info.beta", schema.Constant(true)),
))

// TestNumberAndBooleanConstantsBothWays checks constants that are a number and a boolean
// (false among them), at the top and inside an object: each side writes them given and
// reads the other's, and both store the same.
func TestNumberAndBooleanConstantsBothWays(t *testing.T) {
	t.Parallel()
	m, table := newModel(t, constSchema, "const")
	fromJS, fromGo := exchange(t, m, table, nil, `
const constant = (value) => dynamoose.type.CONSTANT(value);
const Item = dynamoose.model(input.table, new dynamoose.Schema({
  id: String,
  version: constant(2),
  live: constant(false),
  info: { type: Object, schema: { major: constant(3), beta: constant(true) } },
}), noTables);
`, `{ version: 2, live: false, info: { major: 3, beta: true } }`, &constItem{ID: "go", Info: &versionInfo{}})
	if want := (constItem{ID: "js", Version: 2, Info: &versionInfo{Major: 3, Beta: true}}); fromJS.ID != want.ID || fromJS.Version != 2 || fromJS.Live || fromJS.Info == nil || *fromJS.Info != *want.Info {
		t.Errorf("Dynamodel's read of Dynamoose's constants = %+v (info %+v); want %+v (info %+v)", fromJS, fromJS.Info, want, want.Info)
	}
	sameJSON(t, "Dynamoose's read of Dynamodel's constants", fromGo, `{"id": "go", "version": 2, "live": false, "info": {"major": 3, "beta": true}}`)
	sameStorage(t, table, "js", "go")
}
