package schema

import (
	"github.com/dynamodel/dynamodel/index"
)

// IndexHashKeys makes the global index's partition key a multi-attribute key: the attribute
// the index is declared on, then the attributes stored under names, in that order (at most
// four in all). Each attribute keeps its own type (S, N or B); DynamoDB hashes them together,
// so no concatenated key attribute is needed. A query of the index must compare every one of
// them with =. Local indexes have single-attribute keys.
//
//	schema.Attr("tournament", schema.String, schema.Index(
//		schema.IndexName("byRound"),
//		schema.IndexHashKeys("region"),
//		schema.IndexRangeKeys("round", "bracket")))
//
// Multi-attribute keys exist since November 2025; see the [DynamoDB guide].
//
// [DynamoDB guide]: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
func IndexHashKeys(names ...string) IndexOption {
	return func(ix *indexDef) { ix.hashKeys = append(ix.hashKeys[:0:0], names...) }
}

// IndexRangeKeys gives a global index a sort key of the attributes stored under names, in
// that order (at most four), each keeping its own type. A query of the index may constrain
// them from the first on, without skipping any: each with = but the last one given, which may
// have a range condition or begins_with instead. IndexRangeKeys("a") is IndexRangeKey("a").
func IndexRangeKeys(names ...string) IndexOption {
	return func(ix *indexDef) { ix.rangeKeys = append(ix.rangeKeys[:0:0], names...) }
}

// multiKeys adds the attributes of IndexHashKeys and IndexRangeKeys to ix, the global index d
// declares, and reports whether ix is usable: false when a problem was reported. The number
// of attributes and duplicates are checked with the whole table, by index.Layout.Check.
func (b *builder) multiKeys(s *core, ix *index.Index, d indexDef) bool {
	if len(d.hashKeys) == 0 && len(d.rangeKeys) == 0 {
		return true
	}
	if d.local {
		b.problem("index %q: a local index has the table's hash key and one range key; IndexHashKeys and IndexRangeKeys are for global indexes", ix.Name)
		return false
	}
	if d.rangeKey != "" && len(d.rangeKeys) > 0 {
		b.problem("index %q: both IndexRangeKey(%q) and IndexRangeKeys; give the sort attributes once, with IndexRangeKeys", ix.Name, d.rangeKey)
		return false
	}
	ok := true
	resolve := func(role string, names []string) []index.Key {
		var out []index.Key
		for _, name := range names {
			a := s.root.byName[name]
			switch {
			case a == nil:
				b.problem("index %q: %s attribute %q is not an attribute", ix.Name, role, name)
				ok = false
			case a.anyType || !index.KeyType(a.typ):
				b.problem("index %q: %s attribute %q has type %s; key attributes are S, N or B", ix.Name, role, name, a.typeString())
				ok = false
			default:
				out = append(out, index.Key{Name: a.name, Type: a.typ})
			}
		}
		return out
	}
	more := resolve("partition", d.hashKeys)
	sorts := resolve("sort", d.rangeKeys)
	if !ok {
		return false
	}
	if len(more) > 0 {
		ix.Keys.MoreHash = more
	}
	if len(sorts) > 0 {
		ix.Keys.Range = sorts[0]
		if len(sorts) > 1 {
			ix.Keys.MoreRange = sorts[1:]
		}
	}
	return true
}
