package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dynamodel/dynamodel/attr"
)

// DynamoDB's limits on secondary indexes, per table.
const (
	MaxGlobalIndexes        = 20  // GSIs per table (the default quota)
	MaxLocalIndexes         = 5   // LSIs per table
	MaxProjectedAttributes  = 100 // INCLUDE attributes summed over all indexes of a table
	maxKeyAttributeNameSize = 255
)

// DynamoDB's limits on the length of table and index names.
const (
	MinNameLen = 3
	MaxNameLen = 255
)

var (
	// ErrInvalid is wrapped by the *Error that [Layout.Check] returns.
	ErrInvalid = errors.New("index: invalid table definition")
	// ErrConflict is wrapped by the *Error that [Merge] returns.
	ErrConflict = errors.New("index: conflicting table definitions")
)

// Error lists every problem [Layout.Check] or [Merge] found, so that all of them can be fixed
// at once.
type Error struct {
	Op       string // "check" or "merge"
	Problems []string
}

func (e *Error) Error() string {
	if len(e.Problems) == 1 {
		return "index: " + e.Op + ": " + e.Problems[0]
	}
	return fmt.Sprintf("index: %s: %d problems: %s", e.Op, len(e.Problems), strings.Join(e.Problems, "; "))
}

// Unwrap returns [ErrInvalid] for a check and [ErrConflict] for a merge.
func (e *Error) Unwrap() error {
	if e.Op == "merge" {
		return ErrConflict
	}
	return ErrInvalid
}

// Check reports every problem of the table definition in one *[Error] that wraps
// [ErrInvalid], or nil when DynamoDB would accept it:
//
//   - the table has a hash key; key names are at most 255 bytes; a range key differs from
//     the hash key
//   - key types are S, N or B
//   - an attribute used as a key in several places has one type
//   - only a GSI has a multi-attribute key: at most [MaxKeyAttributes] partition attributes
//     and as many sort attributes, none twice
//   - index names are 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.', and unique
//   - at most [MaxGlobalIndexes] GSIs and [MaxLocalIndexes] LSIs
//   - an LSI has the table's hash key and a range key, and the table has a range key; an LSI
//     has no throughput of its own
//   - a GSI's own throughput is at least 1 read and 1 write unit
//   - projections are ALL, KEYS_ONLY or INCLUDE; only INCLUDE lists attributes, each once,
//     and at most [MaxProjectedAttributes] over all indexes
//
// These are the rules the [CreateTable] and [UpdateTable] APIs apply, checked before any
// request is sent.
//
// [CreateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// [UpdateTable]: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
func (t Layout) Check() error {
	var c checker
	c.key("table hash key", t.Keys.Hash, true)
	c.key("table range key", t.Keys.Range, false)
	if t.Keys.HasRange() && t.Keys.Range.Name == t.Keys.Hash.Name {
		c.addf("table range key %q is also its hash key", t.Keys.Range.Name)
	}
	types := make(map[string]attr.Type)
	where := make(map[string]string)
	c.sameType(types, where, "the table", t.Keys.Hash)
	c.sameType(types, where, "the table", t.Keys.Range)
	c.checkKeys("the table", t.Keys, false)

	names := make(map[string]bool)
	var globals, locals, projected int
	for i, ix := range t.Indexes {
		label := fmt.Sprintf("%s %q", ix.kind(), ix.Name)
		switch {
		case ix.Name == "":
			label = fmt.Sprintf("index #%d", i+1)
			c.addf("%s has no name", label)
		case !ValidName(ix.Name):
			c.addf("%s: name must be %d to %d characters of a-z, A-Z, 0-9, '_', '-' and '.'", label, MinNameLen, MaxNameLen)
		case names[ix.Name]:
			c.addf("%s is declared more than once", label)
		}
		names[ix.Name] = true
		if ix.Global {
			globals++
		} else {
			locals++
		}
		c.key(label+" hash key", ix.Keys.Hash, true)
		c.key(label+" range key", ix.Keys.Range, false)
		if ix.Keys.HasRange() && ix.Keys.Range.Name == ix.Keys.Hash.Name {
			c.addf("%s: range key %q is also its hash key", label, ix.Keys.Range.Name)
		}
		for _, k := range ix.Keys.All() {
			c.sameType(types, where, label, k)
		}
		c.checkKeys(label, ix.Keys, ix.Global)
		if ix.Global {
			if tp := ix.Throughput; tp != nil && (tp.Read < 1 || tp.Write < 1) {
				c.addf("%s: throughput %d read, %d write; each must be at least 1", label, tp.Read, tp.Write)
			}
		} else {
			if ix.Keys.Hash.Name != t.Keys.Hash.Name {
				c.addf("%s: hash key %q must be the table's hash key %q", label, ix.Keys.Hash.Name, t.Keys.Hash.Name)
			}
			if !ix.Keys.HasRange() {
				c.addf("%s has no range key; a local index needs one", label)
			}
			if !t.Keys.HasRange() {
				c.addf("%s: the table has no range key; local indexes need a table with one", label)
			}
			if ix.Throughput != nil {
				c.addf("%s has throughput; local indexes share the table's capacity", label)
			}
		}
		projected += c.projection(label, ix.Projection)
	}
	if globals > MaxGlobalIndexes {
		c.addf("%d global indexes; DynamoDB allows at most %d", globals, MaxGlobalIndexes)
	}
	if locals > MaxLocalIndexes {
		c.addf("%d local indexes; DynamoDB allows at most %d", locals, MaxLocalIndexes)
	}
	if projected > MaxProjectedAttributes {
		c.addf("indexes project %d INCLUDE attributes in all; DynamoDB allows at most %d", projected, MaxProjectedAttributes)
	}
	return c.err("check")
}

// Check reports a provisioned billing whose read or write capacity is below 1.
func (b Billing) Check() error {
	if b.OnDemand {
		return nil
	}
	if b.Throughput.Read < 1 || b.Throughput.Write < 1 {
		return &Error{Op: "check", Problems: []string{fmt.Sprintf(
			"provisioned throughput %d read, %d write; each must be at least 1 (or bill on demand)",
			b.Throughput.Read, b.Throughput.Write)}}
	}
	return nil
}

type checker struct{ problems []string }

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) err(op string) error {
	if len(c.problems) == 0 {
		return nil
	}
	return &Error{Op: op, Problems: c.problems}
}

// key checks one key attribute; an absent optional key (no name, no type) is fine.
func (c *checker) key(label string, k Key, required bool) {
	if k.Name == "" {
		if required {
			c.addf("%s has no name", label)
		} else if k.Type != attr.Invalid {
			c.addf("%s has type %v but no name", label, k.Type)
		}
		return
	}
	if len(k.Name) > maxKeyAttributeNameSize {
		c.addf("%s %.20q... is longer than %d bytes", label, k.Name, maxKeyAttributeNameSize)
	}
	if !KeyType(k.Type) {
		c.addf("%s %q has type %v; keys must be S, N or B", label, k.Name, k.Type)
	}
}

// sameType records the type of a key attribute and reports a second, different type.
func (c *checker) sameType(types map[string]attr.Type, where map[string]string, label string, k Key) {
	if k.Name == "" {
		return
	}
	if t, ok := types[k.Name]; ok {
		if t != k.Type {
			c.addf("attribute %q is %v in %s but %v in %s", k.Name, t, where[k.Name], k.Type, label)
		}
		return
	}
	types[k.Name] = k.Type
	where[k.Name] = label
}

// projection checks p and returns how many INCLUDE attributes it adds to the table's total.
func (c *checker) projection(label string, p Projection) int {
	switch p.Kind() {
	case ProjectAll, ProjectKeysOnly:
		if len(p.Attributes) > 0 {
			c.addf("%s: projection %s lists attributes; only INCLUDE does", label, p.Kind())
		}
		return 0
	case ProjectInclude:
		if len(p.Attributes) == 0 {
			c.addf("%s: projection INCLUDE lists no attributes", label)
		}
		seen := make(map[string]bool)
		for _, a := range p.Attributes {
			switch {
			case a == "":
				c.addf("%s: projection INCLUDE lists an empty attribute name", label)
			case seen[a]:
				c.addf("%s: projection INCLUDE lists %q twice", label, a)
			}
			seen[a] = true
		}
		return len(p.Attributes)
	default:
		c.addf("%s: projection type %q; want ALL, KEYS_ONLY or INCLUDE", label, p.Type)
		return 0
	}
}

// KeyType reports whether t may be the type of a key attribute: S, N or B.
func KeyType(t attr.Type) bool { return t == attr.S || t == attr.N || t == attr.B }

// ValidName reports whether name is a valid table or index name: MinNameLen to MaxNameLen
// characters for which NameChar holds.
func ValidName(name string) bool {
	if len(name) < MinNameLen || len(name) > MaxNameLen {
		return false
	}
	for _, r := range name {
		if !NameChar(r) {
			return false
		}
	}
	return true
}

// NameChar reports whether r may appear in a table or index name: a-z, A-Z, 0-9, '_', '-'
// and '.'.
func NameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' || r == '.'
}
