package index

import (
	"fmt"
	"slices"
	"strings"
)

// MaxKeyAttributes is how many attributes a global index's partition key, and its sort key,
// may each have (DynamoDB's multi-attribute keys, since November 2025).
const MaxKeyAttributes = 4

// HashKeys returns the attributes of the partition key in key order: Hash, then MoreHash.
func (k KeySchema) HashKeys() []Key {
	return append([]Key{k.Hash}, k.MoreHash...)
}

// RangeKeys returns the attributes of the sort key in key order: Range, then MoreRange; none
// when there is no sort key.
func (k KeySchema) RangeKeys() []Key {
	if !k.HasRange() {
		return nil
	}
	return append([]Key{k.Range}, k.MoreRange...)
}

// All returns the key attributes in the order of a KeySchema request element list: the
// partition attributes, then the sort attributes.
func (k KeySchema) All() []Key { return append(k.HashKeys(), k.RangeKeys()...) }

// MultiAttribute reports whether the partition key or the sort key has several attributes.
func (k KeySchema) MultiAttribute() bool { return len(k.MoreHash) > 0 || len(k.MoreRange) > 0 }

// Has reports whether the attribute named name is one of the key's attributes.
func (k KeySchema) Has(name string) bool {
	if name == "" {
		return false
	}
	return slices.ContainsFunc(k.All(), func(key Key) bool { return key.Name == name })
}

// Equal reports whether two key schemas have the same attributes, with the same types, in the
// same roles and order.
func (k KeySchema) Equal(other KeySchema) bool {
	return k.Hash == other.Hash && k.Range == other.Range &&
		slices.Equal(k.MoreHash, other.MoreHash) && slices.Equal(k.MoreRange, other.MoreRange)
}

// String formats the key schema as "pk S" or "pk S, sk N"; the attributes of a
// multi-attribute key are joined by "+": "tournament S + region S, round S + bracket S".
func (k KeySchema) String() string {
	part := func(keys []Key) string {
		s := make([]string, len(keys))
		for i, key := range keys {
			s[i] = fmt.Sprintf("%s %v", key.Name, key.Type)
		}
		return strings.Join(s, " + ")
	}
	s := part(k.HashKeys())
	if k.HasRange() {
		s += ", " + part(k.RangeKeys())
	}
	return s
}

func (k KeySchema) clone() KeySchema {
	k.MoreHash = slices.Clone(k.MoreHash)
	k.MoreRange = slices.Clone(k.MoreRange)
	return k
}

// checkKeys checks the multi-attribute part of a key schema, labelled label: only a global
// index may have one, with at most [MaxKeyAttributes] attributes in each of its partition and
// sort keys, a sort key only after a first sort attribute, and no attribute twice.
func (c *checker) checkKeys(label string, k KeySchema, global bool) {
	if !k.MultiAttribute() {
		return
	}
	if !global {
		c.addf("%s has a multi-attribute key (%s); only global indexes may", label, k)
		return
	}
	if n := len(k.HashKeys()); n > MaxKeyAttributes {
		c.addf("%s: partition key has %d attributes; DynamoDB allows at most %d", label, n, MaxKeyAttributes)
	}
	if len(k.MoreRange) > 0 && !k.HasRange() {
		c.addf("%s has further sort key attributes but no first one", label)
	}
	if n := len(k.MoreRange) + 1; k.HasRange() && n > MaxKeyAttributes {
		c.addf("%s: sort key has %d attributes; DynamoDB allows at most %d", label, n, MaxKeyAttributes)
	}
	for i, key := range k.MoreHash {
		c.key(fmt.Sprintf("%s partition key attribute #%d", label, i+2), key, true)
	}
	for i, key := range k.MoreRange {
		c.key(fmt.Sprintf("%s sort key attribute #%d", label, i+2), key, true)
	}
	seen := make(map[string]bool)
	for _, key := range k.All() {
		if key.Name != "" && seen[key.Name] {
			c.addf("%s: attribute %q appears twice in its key", label, key.Name)
		}
		seen[key.Name] = true
	}
}
