package dynamodelcli

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/internal/keytext"
)

// Items on the command line and on the output are plain JSON. The mapping, both ways:
//
//	JSON string  ↔ S          JSON number ↔ N (the number's text, unchanged)
//	true, false  ↔ BOOL       null        ↔ NULL
//	JSON array   ↔ L          JSON object ↔ M
//
// and, on output only: B as a base64 string, SS as an array of strings, NS as an array of
// numbers, BS as an array of base64 strings.

// parseItem reads one JSON object as a DynamoDB item (or key). what names it in errors.
func parseItem(data []byte, what string) (map[string]types.AttributeValue, error) {
	obj, err := parseObject(data, what)
	if err != nil {
		return nil, err
	}
	item := make(map[string]types.AttributeValue, len(obj))
	for name, v := range obj {
		item[name] = toAttributeValue(v)
	}
	return item, nil
}

// parseObject reads one JSON object, its numbers as json.Number. Attribute names must not be
// empty. what names it in errors.
func parseObject(data []byte, what string) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s is empty; want a JSON object", what)
		}
		return nil, fmt.Errorf("%s is not valid JSON: %w", what, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s has more after its JSON object; want one object", what)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s is a JSON %s; want an object such as {\"id\": \"a\"}", what, jsonKind(v))
	}
	if _, ok := obj[""]; ok {
		return nil, fmt.Errorf("%s has an attribute with an empty name", what)
	}
	return obj, nil
}

// toAttributeValue maps a value decoded with UseNumber to an attribute value.
func toAttributeValue(v any) types.AttributeValue {
	switch x := v.(type) {
	case string:
		return &types.AttributeValueMemberS{Value: x}
	case json.Number:
		return &types.AttributeValueMemberN{Value: x.String()}
	case bool:
		return &types.AttributeValueMemberBOOL{Value: x}
	case []any:
		l := make([]types.AttributeValue, len(x))
		for i, e := range x {
			l[i] = toAttributeValue(e)
		}
		return &types.AttributeValueMemberL{Value: l}
	case map[string]any:
		m := make(map[string]types.AttributeValue, len(x))
		for k, e := range x {
			m[k] = toAttributeValue(e)
		}
		return &types.AttributeValueMemberM{Value: m}
	}
	return &types.AttributeValueMemberNULL{Value: true} // nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case nil:
		return "null"
	}
	return "object"
}

// fromAttributeValue maps an attribute value to a value json.Marshal writes.
func fromAttributeValue(av types.AttributeValue) (any, error) {
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		return x.Value, nil
	case *types.AttributeValueMemberN:
		return json.Number(x.Value), nil
	case *types.AttributeValueMemberBOOL:
		return x.Value, nil
	case *types.AttributeValueMemberNULL:
		return nil, nil
	case *types.AttributeValueMemberB:
		return base64.StdEncoding.EncodeToString(x.Value), nil
	case *types.AttributeValueMemberSS:
		return x.Value, nil
	case *types.AttributeValueMemberNS:
		ns := make([]json.Number, len(x.Value))
		for i, n := range x.Value {
			ns[i] = json.Number(n)
		}
		return ns, nil
	case *types.AttributeValueMemberBS:
		bs := make([]string, len(x.Value))
		for i, b := range x.Value {
			bs[i] = base64.StdEncoding.EncodeToString(b)
		}
		return bs, nil
	case *types.AttributeValueMemberL:
		l := make([]any, len(x.Value))
		for i, e := range x.Value {
			v, err := fromAttributeValue(e)
			if err != nil {
				return nil, err
			}
			l[i] = v
		}
		return l, nil
	case *types.AttributeValueMemberM:
		return fromItem(x.Value)
	}
	return nil, fmt.Errorf("unsupported attribute value %T", av)
}

func fromItem(item map[string]types.AttributeValue) (map[string]any, error) {
	m := make(map[string]any, len(item))
	for k, av := range item {
		v, err := fromAttributeValue(av)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		m[k] = v
	}
	return m, nil
}

// writeItem writes item as one line of JSON, attributes sorted by name.
func writeItem(w io.Writer, item map[string]types.AttributeValue) error {
	m, err := fromItem(item)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// A cursor is the key to continue from (ExclusiveStartKey), as base64url of its typed JSON:
// {"pk":{"S":"a"},"n":{"N":"1"}}. Key attributes are S, N or B; B travels as base64.

func encodeCursor(key map[string]types.AttributeValue) (string, error) {
	typed, err := keytext.Of(key)
	if err != nil {
		return "", err
	}
	js, err := json.Marshal(typed)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(js), nil
}

func decodeCursor(s string) (map[string]types.AttributeValue, error) {
	bad := errors.New("malformed cursor; pass the one a previous query or scan printed")
	js, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, bad
	}
	var typed keytext.Text
	if err := json.Unmarshal(js, &typed); err != nil {
		return nil, bad
	}
	key, err := typed.Key()
	if err != nil {
		return nil, bad
	}
	return key, nil
}
