package attr_test

import (
	"bytes"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Shorthands for attribute values in the tables.
func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func n(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }
func b(v ...byte) types.AttributeValue {
	if v == nil {
		v = []byte{}
	}
	return &types.AttributeValueMemberB{Value: v}
}
func boolean(v bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: v} }
func null() types.AttributeValue          { return &types.AttributeValueMemberNULL{Value: true} }
func ss(v ...string) types.AttributeValue { return &types.AttributeValueMemberSS{Value: v} }
func ns(v ...string) types.AttributeValue { return &types.AttributeValueMemberNS{Value: v} }
func bs(v ...[]byte) types.AttributeValue { return &types.AttributeValueMemberBS{Value: v} }
func l(v ...types.AttributeValue) types.AttributeValue {
	if v == nil {
		v = []types.AttributeValue{}
	}
	return &types.AttributeValueMemberL{Value: v}
}
func m(v item) types.AttributeValue { return &types.AttributeValueMemberM{Value: v} }

type item = map[string]types.AttributeValue

// avOpts compares attribute values by content.
var avOpts = cmpopts.IgnoreUnexported(
	types.AttributeValueMemberS{}, types.AttributeValueMemberN{}, types.AttributeValueMemberB{},
	types.AttributeValueMemberBOOL{}, types.AttributeValueMemberNULL{}, types.AttributeValueMemberM{},
	types.AttributeValueMemberL{}, types.AttributeValueMemberSS{}, types.AttributeValueMemberNS{},
	types.AttributeValueMemberBS{},
)

// sortSets returns a copy of av with the members of every set sorted: sets have no order,
// and a Go map stored as a set has none either.
func sortSets(av types.AttributeValue) types.AttributeValue {
	switch v := av.(type) {
	case *types.AttributeValueMemberSS:
		return &types.AttributeValueMemberSS{Value: slices.Sorted(slices.Values(v.Value))}
	case *types.AttributeValueMemberNS:
		return &types.AttributeValueMemberNS{Value: slices.Sorted(slices.Values(v.Value))}
	case *types.AttributeValueMemberBS:
		c := slices.Clone(v.Value)
		slices.SortFunc(c, bytes.Compare)
		return &types.AttributeValueMemberBS{Value: c}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: sortItem(v.Value)}
	case *types.AttributeValueMemberL:
		c := make([]types.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			c[i] = sortSets(e)
		}
		return &types.AttributeValueMemberL{Value: c}
	}
	return av
}

func sortItem(it item) item {
	if it == nil {
		return nil
	}
	c := make(item, len(it))
	for k, v := range it {
		c[k] = sortSets(v)
	}
	return c
}

// diffAV reports how two attribute values differ, sets compared without order.
func diffAV(want, got types.AttributeValue) string {
	return cmp.Diff(sortSets(want), sortSets(got), avOpts)
}

func diffItem(want, got item) string {
	return cmp.Diff(sortItem(want), sortItem(got), avOpts)
}

// show prints an attribute value compactly for failure messages and examples.
func show(av types.AttributeValue) string {
	var sb strings.Builder
	writeAV(&sb, av)
	return sb.String()
}
