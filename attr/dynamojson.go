package attr

import (
	"encoding/base64"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB's JSON form of attribute values, as its API's requests carry them
// ({"id":{"S":"a"},"n":{"N":"1"}}), written as the SDK's serializer writes them.

// maxJSONDepth bounds the nesting of the values written. DynamoDB refuses items nested deeper
// than 32 levels; deeper (or cyclic) values are left to the caller (see AppendItemJSON).
const maxJSONDepth = 64

// AppendItemJSON appends item to b in DynamoDB's JSON form ({"id":{"S":"a"},...}), its strings
// escaped as the SDK's serializer escapes them. ok is false when item holds a value with no
// such form (nil, an attribute value type the SDK does not define, or nesting past 64
// levels); b is then unusable.
func AppendItemJSON(b []byte, item map[string]types.AttributeValue) (_ []byte, ok bool) {
	return appendItem(b, item, 0)
}

// AppendValueJSON is AppendItemJSON for one attribute value ({"S":"a"}).
func AppendValueJSON(b []byte, v types.AttributeValue) (_ []byte, ok bool) {
	return appendValue(b, v, 0)
}

// AppendStringJSON appends s to b as a JSON string, escaped as the SDK's serializer escapes
// it.
func AppendStringJSON(b []byte, s string) []byte { return appendString(b, s) }

// appendItem appends m as a JSON object of attribute values. ok is false when m holds a value
// with no JSON form (nil, an unknown union member, or nesting past maxJSONDepth).
func appendItem(b []byte, m map[string]types.AttributeValue, depth int) (_ []byte, ok bool) {
	if depth > maxJSONDepth {
		return b, false
	}
	b = append(b, '{')
	first := true
	for k, v := range m {
		if b, ok = appendValue(jsonKey(b, k, &first), v, depth+1); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

// appendValue appends v as a JSON object of one member, named by its type as DynamoDB's JSON
// names it ({"S":"..."}, {"N":"..."}, ...).
func appendValue(b []byte, v types.AttributeValue, depth int) (_ []byte, ok bool) {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		b = appendString(append(b, `{"S":`...), v.Value)
	case *types.AttributeValueMemberN:
		b = appendString(append(b, `{"N":`...), v.Value)
	case *types.AttributeValueMemberBOOL:
		b = appendBool(append(b, `{"BOOL":`...), v.Value)
	case *types.AttributeValueMemberNULL:
		b = appendBool(append(b, `{"NULL":`...), v.Value)
	case *types.AttributeValueMemberB:
		b = appendBlob(append(b, `{"B":`...), v.Value)
	case *types.AttributeValueMemberSS:
		b = appendStrings(append(b, `{"SS":`...), v.Value)
	case *types.AttributeValueMemberNS:
		b = appendStrings(append(b, `{"NS":`...), v.Value)
	case *types.AttributeValueMemberBS:
		b = append(b, `{"BS":[`...)
		for i, e := range v.Value {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendBlob(b, e)
		}
		b = append(b, ']')
	case *types.AttributeValueMemberL:
		if depth > maxJSONDepth {
			return b, false
		}
		b = append(b, `{"L":[`...)
		for i, e := range v.Value {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendValue(b, e, depth+1); !ok {
				return b, false
			}
		}
		b = append(b, ']')
	case *types.AttributeValueMemberM:
		if b, ok = appendItem(append(b, `{"M":`...), v.Value, depth); !ok {
			return b, false
		}
	default:
		return b, false
	}
	return append(b, '}'), true
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendBlob appends v in standard base64 as a JSON string; nil as null, as the SDK does.
func appendBlob(b []byte, v []byte) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, v)
	return append(b, '"')
}

func appendStrings(b []byte, v []string) []byte {
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// plain marks the ASCII bytes written as themselves inside a JSON string: DEL is escaped too,
// as the SDK escapes it.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf-1; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. It escapes what JSON requires (quotes, backslashes
// and control characters), DEL, U+2028 and U+2029, and writes invalid UTF-8 as U+FFFD, as the
// SDK's own serializer does, so that the server receives the same text either way.
func appendString(b []byte, s string) []byte {
	b, _ = appendText(b, s)
	return b
}

// appendText is appendString that also reports whether s is valid UTF-8, found in the same
// pass, for the writers that refuse text that is not (see checkText).
func appendText(b []byte, s string) (_ []byte, valid bool) {
	b = append(b, '"')
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && plain[s[i]] {
		i++
	}
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"'), true
	}
	valid = true
	start := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			valid = false
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"'), valid
}
