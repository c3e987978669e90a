package tablesync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// ReadJSON reads table definitions from the JSON that [ExportJSON] writes: an array with one
// object per table,
//
//	[{"CreateTable": {...}, "UpdateTimeToLive": {...}}, ...]
//
// so that a file of definitions, written by ExportJSON or by hand in the shape of the AWS
// [CreateTable] and [UpdateTimeToLive] requests, can drive [Plan] and [Apply]. The tables are
// returned in the order of the file, each checked as [Spec.Check] does.
//
// What the requests cannot say is read as follows. A global index whose throughput equals the
// table's inherits it (Throughput nil); one without throughput on a provisioned table inherits
// it too. Global indexes come before local ones. A missing Tags member leaves tags unmanaged
// (nil), and "Tags": [] manages an empty set; ExportJSON writes no Tags member for an empty
// set, so that is the one definition a round trip does not keep. UpdateTimeToLive is optional;
// when present it must name the same table and be enabled.
//
// Members the requests may hold that a [Spec] has no place for (SSESpecification,
// DeletionProtectionEnabled, ...) are errors rather than being dropped silently, as are
// unknown members, malformed JSON and definitions DynamoDB would refuse. Every problem of a
// table is reported together; the error names the table by its position (#1 is the first)
// and name.
//
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// [UpdateTimeToLive]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
func ReadJSON(r io.Reader) ([]Spec, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("tablesync: read definitions: %w", err)
	}
	const want = `a JSON array of {"CreateTable": {...}, "UpdateTimeToLive": {...}} objects, as ExportJSON writes`
	fail := func(err error) ([]Spec, error) {
		return nil, fmt.Errorf("tablesync: read definitions: %s", jsonProblem(data, err, want))
	}
	// Syntax first, over the whole input: the offsets of a Decoder's syntax errors are not
	// always those of the input.
	if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
		return fail(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil {
		return fail(err)
	} else if tok != json.Delim('[') {
		return nil, fmt.Errorf("tablesync: read definitions: line 1: found %s; want %s", tokenKind(tok), want)
	}
	tables := []Spec{}
	var errs []error
	for n := 1; dec.More(); n++ {
		var msg json.RawMessage
		if err := dec.Decode(&msg); err != nil {
			return fail(err)
		}
		// The entry's offset in data, so that its errors give lines of the whole input.
		end := int(dec.InputOffset())
		base := int64(end - len(msg))
		t, err := readEntry(data, base, msg)
		if err != nil {
			name := ""
			if t.Name != "" {
				name = fmt.Sprintf(" %q", t.Name)
			}
			errs = append(errs, fmt.Errorf("tablesync: read definitions: #%d%s: %w", n, name, err))
			continue
		}
		tables = append(tables, t)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tables, nil
}

// jsonProblem describes a decoding error with the line and column where it happened.
func jsonProblem(data []byte, err error, want string) string {
	return jsonProblemAt(data, 0, err, want)
}

// jsonProblemAt is jsonProblem for an error in the part of data that starts at base.
func jsonProblemAt(data []byte, base int64, err error, want string) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && strings.HasPrefix(syn.Error(), "unexpected end of JSON input"),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "unexpected end of input; want " + want
	case errors.As(err, &syn):
		// Offset counts the bytes read, the offending one included.
		return fmt.Sprintf("%s: %v", position(data, base+syn.Offset-1), err)
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			return fmt.Sprintf("%s: found a JSON %s; want %s", position(data, base+typ.Offset-1), typ.Value, want)
		}
		return fmt.Sprintf("%s: %s is a JSON %s; want %s", position(data, base+typ.Offset-1), where, typ.Value, jsonKind(typ.Type))
	}
	return err.Error()
}

// jsonKind names the JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "a number"
}

// position turns a byte offset into "line L, column C".
func position(data []byte, offset int64) string {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// The decoding shapes: the export's table shape (jsonTable) as it is, and a time-to-live shape
// with a pointer, where a missing specification must be told from an empty one.
type readEntryJSON struct {
	CreateTable      *jsonTable   `json:"CreateTable"`
	UpdateTimeToLive *readTTLJSON `json:"UpdateTimeToLive"`
}

type readTTLJSON struct {
	TableName               string       `json:"TableName"`
	TimeToLiveSpecification *jsonTTLSpec `json:"TimeToLiveSpecification"`
}

// tokenKind names a JSON token for an error message.
func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return fmt.Sprintf("%q", string(v))
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "true or false"
	}
	return "a number"
}

// readEntry reads one definition, msg, found at offset base of data.
func readEntry(data []byte, base int64, msg json.RawMessage) (Spec, error) {
	var e readEntryJSON
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		// Decode the name alone, leniently, so that the error can say which table it is.
		var named struct{ CreateTable struct{ TableName string } }
		_ = json.Unmarshal(msg, &named)
		return Spec{Name: named.CreateTable.TableName}, errors.New(jsonProblemAt(data, base, err, `an object {"CreateTable": {...}, "UpdateTimeToLive": {...}}`) + memberHint(err))
	}
	if e.CreateTable == nil {
		return Spec{}, errors.New(`no CreateTable member; want {"CreateTable": {...}, "UpdateTimeToLive": {...}}`)
	}
	t, problems := e.CreateTable.table()
	if ttl := e.UpdateTimeToLive; ttl != nil {
		switch spec := ttl.TimeToLiveSpecification; {
		case ttl.TableName != t.Name:
			problems = append(problems, fmt.Sprintf("UpdateTimeToLive.TableName is %q; want the table's name %q", ttl.TableName, t.Name))
		case spec == nil || spec.AttributeName == "":
			problems = append(problems, "UpdateTimeToLive has no TimeToLiveSpecification.AttributeName")
		case !spec.Enabled:
			problems = append(problems, "UpdateTimeToLive.TimeToLiveSpecification.Enabled is false; leave UpdateTimeToLive out for a table without time to live")
		default:
			t.TTL = spec.AttributeName
		}
	}
	if len(problems) == 0 {
		var ie *index.Error
		if err := t.Check(); errors.As(err, &ie) {
			problems = append(problems, ie.Problems...)
		}
	}
	if len(problems) > 0 {
		return t, &index.Error{Op: "check", Problems: problems}
	}
	return t, nil
}

// memberHint adds, to an unknown-member error, that tablesync manages only some settings.
func memberHint(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syn) || errors.As(err, &typ) {
		return ""
	}
	return " (a definition holds CreateTable's TableName, AttributeDefinitions, KeySchema, BillingMode, ProvisionedThroughput, GlobalSecondaryIndexes, LocalSecondaryIndexes, StreamSpecification, TableClass and Tags, and UpdateTimeToLive)"
}

// table converts a CreateTable request into a definition, with every problem found.
func (j *jsonTable) table() (Spec, []string) {
	t := Spec{Name: j.TableName, Class: types.TableClass(j.TableClass)}
	var problems []string
	if j.TableName == "" {
		problems = append(problems, "CreateTable has no TableName")
	}

	defined := make(map[string]attr.Type)
	used := make(map[string]bool)
	for _, a := range j.AttributeDefinitions {
		typ := attrType(types.ScalarAttributeType(a.AttributeType))
		switch {
		case a.AttributeName == "":
			problems = append(problems, "an attribute definition has no AttributeName")
			continue
		case typ == attr.Invalid:
			problems = append(problems, fmt.Sprintf("attribute %q has AttributeType %q; want S, N or B", a.AttributeName, a.AttributeType))
		}
		if _, dup := defined[a.AttributeName]; dup {
			problems = append(problems, fmt.Sprintf("attribute %q is defined twice in AttributeDefinitions", a.AttributeName))
		}
		defined[a.AttributeName] = typ
	}
	// Key elements are HASH ones, then RANGE ones: one of each at most for a table or a local
	// index, up to index.MaxKeyAttributes of each for a global index (Check counts them).
	keys := func(what string, elems []jsonKey) index.KeySchema {
		var k index.KeySchema
		if len(elems) == 0 || len(elems) > 2*index.MaxKeyAttributes {
			problems = append(problems, fmt.Sprintf("%s has %d key elements; want a HASH key and an optional RANGE key", what, len(elems)))
			return k
		}
		var hashes, ranges []index.Key
		for i, e := range elems {
			switch {
			case i == 0 && e.KeyType != "HASH":
				problems = append(problems, fmt.Sprintf("%s element #%d has KeyType %q; want HASH", what, i+1, e.KeyType))
				continue
			case e.KeyType == "HASH" && len(ranges) > 0:
				problems = append(problems, fmt.Sprintf("%s element #%d has KeyType HASH after a RANGE element; HASH elements come first", what, i+1))
				continue
			case e.KeyType != "HASH" && e.KeyType != "RANGE":
				problems = append(problems, fmt.Sprintf("%s element #%d has KeyType %q; want HASH or RANGE", what, i+1, e.KeyType))
				continue
			}
			typ, ok := defined[e.AttributeName]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s names attribute %q, which AttributeDefinitions does not define", what, e.AttributeName))
			}
			used[e.AttributeName] = true
			if e.KeyType == "HASH" {
				hashes = append(hashes, index.Key{Name: e.AttributeName, Type: typ})
			} else {
				ranges = append(ranges, index.Key{Name: e.AttributeName, Type: typ})
			}
		}
		if len(hashes) > 0 {
			k.Hash, k.MoreHash = hashes[0], hashes[1:]
		}
		if len(ranges) > 0 {
			k.Range, k.MoreRange = ranges[0], ranges[1:]
		}
		if len(k.MoreHash) == 0 {
			k.MoreHash = nil
		}
		if len(k.MoreRange) == 0 {
			k.MoreRange = nil
		}
		return k
	}
	t.Index.Keys = keys("KeySchema", j.KeySchema)

	switch j.BillingMode {
	case "PAY_PER_REQUEST":
		t.Billing = index.OnDemand()
		if j.ProvisionedThroughput != nil {
			problems = append(problems, "BillingMode PAY_PER_REQUEST with ProvisionedThroughput; an on-demand table has none")
		}
	case "PROVISIONED", "":
		if j.ProvisionedThroughput == nil {
			problems = append(problems, "BillingMode PROVISIONED needs ProvisionedThroughput; for on demand say \"BillingMode\": \"PAY_PER_REQUEST\"")
			break
		}
		t.Billing = index.Provisioned(j.ProvisionedThroughput.ReadCapacityUnits, j.ProvisionedThroughput.WriteCapacityUnits)
	default:
		problems = append(problems, fmt.Sprintf("BillingMode %q; want PROVISIONED or PAY_PER_REQUEST", j.BillingMode))
	}

	proj := func(what string, p jsonProjection) index.Projection {
		switch p.ProjectionType {
		case "", "ALL", "KEYS_ONLY":
			if len(p.NonKeyAttributes) > 0 {
				problems = append(problems, fmt.Sprintf("%s: NonKeyAttributes need ProjectionType INCLUDE", what))
			}
			if p.ProjectionType == "" {
				return index.Projection{Type: index.ProjectAll}
			}
			return index.Projection{Type: index.ProjectionType(p.ProjectionType)}
		case "INCLUDE":
			return index.Projection{Type: index.ProjectInclude, Attributes: slices.Clone(p.NonKeyAttributes)}
		}
		problems = append(problems, fmt.Sprintf("%s: ProjectionType %q; want ALL, KEYS_ONLY or INCLUDE", what, p.ProjectionType))
		return index.Projection{}
	}
	for _, g := range j.GlobalSecondaryIndexes {
		what := fmt.Sprintf("global index %q", g.IndexName)
		ix := index.Index{Name: g.IndexName, Global: true, Keys: keys(what+" KeySchema", g.KeySchema), Projection: proj(what, g.Projection)}
		switch tp := g.ProvisionedThroughput; {
		case tp == nil:
		case t.Billing.OnDemand:
			problems = append(problems, what+" has ProvisionedThroughput on an on-demand table")
		case (index.Throughput{Read: tp.ReadCapacityUnits, Write: tp.WriteCapacityUnits}) != t.Billing.Throughput:
			ix.Throughput = &index.Throughput{Read: tp.ReadCapacityUnits, Write: tp.WriteCapacityUnits}
		}
		t.Index.Indexes = append(t.Index.Indexes, ix)
	}
	for _, l := range j.LocalSecondaryIndexes {
		what := fmt.Sprintf("local index %q", l.IndexName)
		if l.ProvisionedThroughput != nil {
			problems = append(problems, what+" has ProvisionedThroughput; local indexes share the table's")
		}
		t.Index.Indexes = append(t.Index.Indexes, index.Index{Name: l.IndexName, Keys: keys(what+" KeySchema", l.KeySchema), Projection: proj(what, l.Projection)})
	}
	for _, name := range slices.Sorted(maps.Keys(defined)) {
		if !used[name] {
			problems = append(problems, fmt.Sprintf("attribute %q is defined in AttributeDefinitions but is no key of the table or an index (DynamoDB refuses that)", name))
		}
	}

	if s := j.StreamSpecification; s != nil && s.StreamEnabled {
		t.Stream = Stream{Enabled: true, View: types.StreamViewType(s.StreamViewType)}
		if s.StreamViewType == "" {
			problems = append(problems, "StreamSpecification enables the stream without a StreamViewType")
		}
	}
	if j.Tags != nil {
		t.Tags = make(map[string]string, len(j.Tags))
		for _, tag := range j.Tags {
			if _, dup := t.Tags[tag.Key]; dup {
				problems = append(problems, fmt.Sprintf("tag %q is given twice", tag.Key))
			}
			t.Tags[tag.Key] = tag.Value
		}
	}
	return t, problems
}
