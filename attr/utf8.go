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
	if utf8.ValidString(s) {
		return nil
	}
	return marshalError(t, k, utf8Error(s))
}

func utf8Error(s string) error {
	return because(ErrUTF8, strconv.Quote(s)+" (bytes belong in a binary attribute: []byte)")
}

// checkKeyText refuses a map key that is not valid UTF-8; the error's path is the key.
func checkKeyText(t reflect.Type, k string) error {
	if utf8.ValidString(k) {
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
		if !utf8.ValidString(v.Value) {
			return &Error{Op: "marshal", DynamoType: S, Err: utf8Error(v.Value)}
		}
	case *types.AttributeValueMemberN:
		if !utf8.ValidString(v.Value) {
			return &Error{Op: "marshal", DynamoType: N, Err: utf8Error(v.Value)}
		}
	case *types.AttributeValueMemberSS:
		for i, s := range v.Value {
			if !utf8.ValidString(s) {
				return &Error{Op: "marshal", Path: prependIndex("", i), DynamoType: SS, Err: utf8Error(s)}
			}
		}
	case *types.AttributeValueMemberNS:
		for i, s := range v.Value {
			if !utf8.ValidString(s) {
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
