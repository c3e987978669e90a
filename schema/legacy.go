package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// ErrLegacyValue: a stored value of an attribute under [BooleansAsStrings] or
// [DocumentsAsJSON] is neither the legacy text nor the native type; or a path of an update,
// condition or projection reaches inside a document stored as JSON text, which the server
// cannot see into.
var ErrLegacyValue = errors.New("schema: not a legacy stored value")

// legacyStorage gives the top-level boolean, map and list attributes the storage of older
// Dynamoose versions that the options ask for, as a toDynamo/fromDynamo pair, so that items,
// update values, condition values and reads all go through the pipeline's one conversion
// step. An attribute with its own ToDynamo or FromDynamo keeps it.
func (b *builder) legacyStorage(s *core, c *config) {
	if !c.boolText && !c.docText {
		return
	}
	for _, a := range s.root.attrs {
		if a.virtual || a.toDynamo != nil || a.fromDynamo != nil || a.anyType || a.date || a.dates {
			continue
		}
		var toText func(types.AttributeValue) (types.AttributeValue, error)
		switch {
		case c.boolText && a.typ == attr.BOOL:
			toText = boolText
		case c.docText && (a.typ == attr.M || a.typ == attr.L):
			toText = docText
			a.jsonText = true
		default:
			continue
		}
		plain := *a
		a.toDynamo = func(v any) (types.AttributeValue, error) {
			av, err := encodeWith(&plain, v, nil, plain.opts)
			if err != nil || av == nil {
				return av, err
			}
			return toText(av)
		}
		a.fromDynamo = func(av types.AttributeValue) (any, error) {
			native, err := fromText(av, plain.typ)
			if err != nil {
				return nil, err
			}
			if plain.goType != nil {
				out := reflect.New(plain.goType)
				if err := attr.UnmarshalWith(native, out.Interface(), plain.opts); err != nil {
					return nil, err
				}
				return out.Elem().Interface(), nil
			}
			w := writer{s: s}
			return w.decodeValue(&plain, native, nil)
		}
	}
}

// boolText stores a boolean as Dynamoose's useNativeBooleans: false does: S "true" or "false".
func boolText(av types.AttributeValue) (types.AttributeValue, error) {
	if b, ok := av.(*types.AttributeValueMemberBOOL); ok {
		return &types.AttributeValueMemberS{Value: fmt.Sprint(b.Value)}, nil
	}
	return av, nil
}

// docText stores a map or list as Dynamoose's useDocumentTypes: false does: its JSON text
// (JSON.stringify) in an S.
func docText(av types.AttributeValue) (types.AttributeValue, error) {
	switch av.(type) {
	case *types.AttributeValueMemberM, *types.AttributeValueMemberL:
	default:
		return av, nil
	}
	v, err := jsonOf(av)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return &types.AttributeValueMemberS{Value: string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))}, nil
}

// jsonOf is the JSON form of a stored value. Sets and binary values have none that Dynamoose
// would read back as the same value, so they are refused.
func jsonOf(av types.AttributeValue) (any, error) {
	switch av := av.(type) {
	case *types.AttributeValueMemberS:
		return av.Value, nil
	case *types.AttributeValueMemberN:
		return json.Number(av.Value), nil
	case *types.AttributeValueMemberBOOL:
		return av.Value, nil
	case *types.AttributeValueMemberNULL:
		return nil, nil
	case *types.AttributeValueMemberM:
		out := make(map[string]any, len(av.Value))
		keys := make([]string, 0, len(av.Value))
		for k := range av.Value {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, err := jsonOf(av.Value[k])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = v
		}
		return out, nil
	case *types.AttributeValueMemberL:
		out := make([]any, len(av.Value))
		for i, e := range av.Value {
			v, err := jsonOf(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %v cannot be stored as JSON text (DocumentsAsJSON)", attr.TypeOf(av))
}

// fromText reads a value stored by boolText or docText back as the native type want; a value
// stored natively (a table written by both old and new versions) is taken as it is.
func fromText(av types.AttributeValue, want attr.Type) (types.AttributeValue, error) {
	s, ok := av.(*types.AttributeValueMemberS)
	if !ok {
		return av, nil
	}
	if want == attr.BOOL {
		switch s.Value {
		case "true":
			return &types.AttributeValueMemberBOOL{Value: true}, nil
		case "false":
			return &types.AttributeValueMemberBOOL{Value: false}, nil
		}
		return nil, fmt.Errorf("%w: S %q, want \"true\" or \"false\"", ErrLegacyValue, s.Value)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(s.Value)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%w: S %q is not JSON text: %v", ErrLegacyValue, s.Value, err)
	}
	native := avOfJSON(v)
	if attr.TypeOf(native) != want {
		return nil, fmt.Errorf("%w: the JSON text holds a %v, want %v", ErrLegacyValue, attr.TypeOf(native), want)
	}
	return native, nil
}

func avOfJSON(v any) types.AttributeValue {
	switch v := v.(type) {
	case string:
		return &types.AttributeValueMemberS{Value: v}
	case json.Number:
		return &types.AttributeValueMemberN{Value: v.String()}
	case bool:
		return &types.AttributeValueMemberBOOL{Value: v}
	case map[string]any:
		out := make(map[string]types.AttributeValue, len(v))
		for k, e := range v {
			out[k] = avOfJSON(e)
		}
		return &types.AttributeValueMemberM{Value: out}
	case []any:
		out := make([]types.AttributeValue, len(v))
		for i, e := range v {
			out[i] = avOfJSON(e)
		}
		return &types.AttributeValueMemberL{Value: out}
	}
	return &types.AttributeValueMemberNULL{Value: true}
}
