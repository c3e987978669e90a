package attr

import (
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// checkText refuses a string that is not valid UTF-8, as the text of a value of Go type t
// stored as k. DynamoDB's strings are Unicode: the SDK (and the server) would replace each
// bad byte with U+FFFD, so "k\xff" and "k\xfe" would be stored as one value.
func checkText(t reflect.Type, k Type, s string) error {
	if validText(s) {
		return nil
	}
	return marshalError(t, k, utf8Error(s))
}

func utf8Error(s string) error {
	return because(ErrUTF8, strconv.Quote(s)+" (bytes belong in a binary attribute: []byte)")
}

// validText reports whether s is valid UTF-8. Every string of an item is checked when it is
// encoded, and most are short and ASCII: those it checks a word at a time (the last word
// overlapping the one before when the length is not a multiple of the word), leaving the
// rest to utf8.ValidString, which walks short strings byte by byte.
func validText(s string) bool {
	n := len(s)
	var or uint64
	switch {
	case n >= 8:
		for i := 0; i+8 <= n; i += 8 {
			or |= word64(s, i)
		}
		or |= word64(s, n-8)
	case n >= 4:
		or = uint64(word32(s, 0) | word32(s, n-4))
	case n > 0:
		or = uint64(s[0] | s[n/2] | s[n-1])
	}
	return or&0x8080808080808080 == 0 || utf8.ValidString(s)
}

// word64 returns the eight bytes of s from i as one word (the compiler makes it one load).
func word64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// word32 returns the four bytes of s from i as one word.
func word32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// checkKeyText refuses a map key that is not valid UTF-8; the error's path is the key.
func checkKeyText(t reflect.Type, k string) error {
	if validText(k) {
		return nil
	}
	return &Error{Op: "marshal", Path: k, GoType: t, DynamoType: M, Err: because(ErrUTF8, "map key "+strconv.Quote(k)+
		" (bytes belong in a binary attribute: []byte)")}
}

// CheckUTF8 reports the first text in av that is not valid UTF-8 (a string, a number, a
// member of a string or number set, a map key, at any depth) as an *Error wrapping ErrUTF8
// whose Path leads to it. It returns nil for a nil av.
func CheckUTF8(av types.AttributeValue) error {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		if !validText(v.Value) {
			return &Error{Op: "marshal", DynamoType: S, Err: utf8Error(v.Value)}
		}
	case *types.AttributeValueMemberN:
		if !validText(v.Value) {
			return &Error{Op: "marshal", DynamoType: N, Err: utf8Error(v.Value)}
		}
	case *types.AttributeValueMemberSS:
		for i, s := range v.Value {
			if !validText(s) {
				return &Error{Op: "marshal", Path: prependIndex("", i), DynamoType: SS, Err: utf8Error(s)}
			}
		}
	case *types.AttributeValueMemberNS:
		for i, s := range v.Value {
			if !validText(s) {
				return &Error{Op: "marshal", Path: prependIndex("", i), DynamoType: NS, Err: utf8Error(s)}
			}
		}
	case *types.AttributeValueMemberL:
		for i, e := range v.Value {
			if err := CheckUTF8(e); err != nil {
				return atIndex(err, "marshal", i)
			}
		}
	case *types.AttributeValueMemberM:
		return CheckItemUTF8(v.Value)
	}
	return nil
}

// CheckItemUTF8 is CheckUTF8 for the attributes of an item or a key: the paths start at
// the attribute's name.
func CheckItemUTF8(item map[string]types.AttributeValue) error {
	for k, e := range item {
		if err := checkKeyText(nil, k); err != nil {
			return err
		}
		if err := CheckUTF8(e); err != nil {
			return atKey(err, "marshal", k)
		}
	}
	return nil
}

// checkStringEntry checks one entry of a map[string]string.
func checkStringEntry(k, v string) error {
	if err := checkKeyText(stringMapType, k); err != nil {
		return err
	}
	if err := checkText(stringType, S, v); err != nil {
		return atKey(err, "marshal", k)
	}
	return nil
}

var (
	stringType    = reflect.TypeFor[string]()
	stringMapType = reflect.TypeFor[map[string]string]()
)
