package index

import (
	"slices"

	"github.com/dynamodel/dynamodel/attr"
)

// ProjectionType says which attributes a secondary index copies from the table.
type ProjectionType string

const (
	ProjectAll      ProjectionType = "ALL"       // every attribute of the item
	ProjectKeysOnly ProjectionType = "KEYS_ONLY" // the table's and the index's key attributes
	ProjectInclude  ProjectionType = "INCLUDE"   // the keys and the listed attributes
)

// Projection is the set of attributes an index holds. The zero Projection projects all
// attributes; Attributes is used only with [ProjectInclude].
type Projection struct {
	Type       ProjectionType
	Attributes []string
}

// Kind returns the projection type, reading the zero value as [ProjectAll].
func (p Projection) Kind() ProjectionType {
	if p.Type == "" {
		return ProjectAll
	}
	return p.Type
}

// Throughput is provisioned capacity in read and write capacity units per second.
type Throughput struct {
	Read, Write int64
}

// Billing is how a table pays for capacity: on demand (PAY_PER_REQUEST), or provisioned with
// the given throughput.
type Billing struct {
	OnDemand   bool
	Throughput Throughput // used when OnDemand is false
}

// Provisioned returns a provisioned Billing with the given read and write capacity units.
func Provisioned(read, write int64) Billing {
	return Billing{Throughput: Throughput{Read: read, Write: write}}
}

// OnDemand returns the on-demand (PAY_PER_REQUEST) Billing.
func OnDemand() Billing { return Billing{OnDemand: true} }

// Key is one key attribute: its name and its type, which is [attr.S], [attr.N] or [attr.B].
type Key struct {
	Name string
	Type attr.Type
}

// KeySchema is the partition (hash) key and the optional sort (range) key of a table or an
// index. Range.Name is empty when there is no sort key.
//
// A global index may have a multi-attribute key: a partition key of up to [MaxKeyAttributes]
// attributes and a sort key of up to as many, each attribute keeping its own type. Hash and
// Range are then the first attribute of each, and MoreHash and MoreRange the others, in key
// order; [KeySchema.HashKeys] and [KeySchema.RangeKeys] return them all. Tables and local
// indexes have single-attribute keys.
type KeySchema struct {
	Hash, Range         Key
	MoreHash, MoreRange []Key
}

// HasRange reports whether the key schema has a sort key.
func (k KeySchema) HasRange() bool { return k.Range.Name != "" }

// Index is a global (GSI) or local (LSI) secondary index.
type Index struct {
	Name       string
	Global     bool
	Keys       KeySchema // an LSI's Hash is the table's hash key
	Projection Projection
	// Throughput is a GSI's provisioned capacity. Nil inherits the table's throughput; it is
	// unused when the table is billed on demand. LSIs share the table's capacity and have none.
	Throughput *Throughput
}

// kind names the index type in messages: "GSI" or "LSI".
func (ix Index) kind() string {
	if ix.Global {
		return "GSI"
	}
	return "LSI"
}

// ThroughputFor returns the provisioned capacity the index has under billing b: its own,
// else the table's. ok is false for LSIs and for tables billed on demand, which provision none.
func (ix Index) ThroughputFor(b Billing) (t Throughput, ok bool) {
	if !ix.Global || b.OnDemand {
		return Throughput{}, false
	}
	if ix.Throughput != nil {
		return *ix.Throughput, true
	}
	return b.Throughput, true
}

// Layout is the key schema of a table and its secondary indexes, in declaration order.
type Layout struct {
	Keys    KeySchema
	Indexes []Index
}

// Index returns the index named name.
func (t Layout) Index(name string) (Index, bool) {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return ix, true
		}
	}
	return Index{}, false
}

// Projects reports whether ix, an index of t, holds the attribute named name: every
// attribute for ALL; the table's and the index's key attributes, and for INCLUDE the listed
// ones, otherwise. An Index with no name is the table itself, which holds every attribute.
func (t Layout) Projects(ix Index, name string) bool {
	if ix.Name == "" || ix.Projection.Kind() == ProjectAll {
		return true
	}
	switch name {
	case t.Keys.Hash.Name, t.Keys.Range.Name:
		return name != ""
	}
	if ix.Keys.Has(name) {
		return true
	}
	return ix.Projection.Kind() == ProjectInclude && slices.Contains(ix.Projection.Attributes, name)
}

// Attributes returns the key attributes of the table and of every index, each once, in order
// of first appearance: the table's hash and range keys, then each index's. They are the
// attribute definitions of a CreateTable request. When an attribute is declared with two
// types (which [Layout.Check] reports), the first wins.
func (t Layout) Attributes() []Key {
	var out []Key
	seen := make(map[string]bool)
	add := func(k Key) {
		if k.Name == "" || seen[k.Name] {
			return
		}
		seen[k.Name] = true
		out = append(out, k)
	}
	add(t.Keys.Hash)
	add(t.Keys.Range)
	for _, ix := range t.Indexes {
		for _, k := range ix.Keys.All() {
			add(k)
		}
	}
	return out
}

// Clone returns a deep copy of t, so that changing the copy's slices leaves t unchanged.
func (t Layout) Clone() Layout {
	out := Layout{Keys: t.Keys.clone()}
	if t.Indexes != nil {
		out.Indexes = make([]Index, len(t.Indexes))
		for i, ix := range t.Indexes {
			out.Indexes[i] = ix.clone()
		}
	}
	return out
}

func (ix Index) clone() Index {
	ix.Keys = ix.Keys.clone()
	if ix.Projection.Attributes != nil {
		ix.Projection.Attributes = append([]string(nil), ix.Projection.Attributes...)
	}
	if ix.Throughput != nil {
		tp := *ix.Throughput
		ix.Throughput = &tp
	}
	return ix
}
