package index

import (
	"fmt"
	"slices"
)

// Merge combines the definitions of several models that share one table (single-table
// design). The key schemas must be identical. Indexes are merged by name: the same index
// declared by several models must be declared identically (INCLUDE attributes may be listed
// in any order) and appears once, where it was first declared; the others follow in
// declaration order. Every disagreement is reported in one *[Error] that wraps [ErrConflict].
//
// Merge does not check the merged table; call [Layout.Check] on the result.
func Merge(tables ...Layout) (Layout, error) {
	if len(tables) == 0 {
		return Layout{}, &Error{Op: "merge", Problems: []string{"no tables to merge"}}
	}
	var c checker
	out := Layout{Keys: tables[0].Keys.clone()}
	pos := make(map[string]int)  // index name -> position in out.Indexes
	from := make(map[string]int) // index name -> number of the table that declared it first
	for i, t := range tables {
		if !t.Keys.Equal(out.Keys) {
			c.addf("table #%d has keys %s; table #1 has %s", i+1, t.Keys, out.Keys)
		}
		for _, ix := range t.Indexes {
			j, ok := pos[ix.Name]
			if !ok {
				pos[ix.Name] = len(out.Indexes)
				from[ix.Name] = i + 1
				out.Indexes = append(out.Indexes, ix.clone())
				continue
			}
			if diff := ix.differences(out.Indexes[j]); diff != "" {
				c.addf("index %q of table #%d differs from table #%d's: %s", ix.Name, i+1, from[ix.Name], diff)
			}
		}
	}
	if err := c.err("merge"); err != nil {
		return Layout{}, err
	}
	return out, nil
}

// Equal reports whether two index definitions are the same: names, kinds, keys, projection
// (INCLUDE attributes in any order) and throughput.
func (ix Index) Equal(other Index) bool {
	return ix.Name == other.Name && ix.differences(other) == ""
}

// differences describes how ix differs from other, apart from the name; "" when it does not.
func (ix Index) differences(other Index) string {
	var d []string
	if ix.Global != other.Global {
		d = append(d, fmt.Sprintf("%s, not %s", ix.kind(), other.kind()))
	}
	if !ix.Keys.Equal(other.Keys) {
		d = append(d, fmt.Sprintf("keys %s, not %s", ix.Keys, other.Keys))
	}
	if !ix.Projection.Equal(other.Projection) {
		d = append(d, fmt.Sprintf("projection %s, not %s", ix.Projection, other.Projection))
	}
	if !equalThroughput(ix.Throughput, other.Throughput) {
		d = append(d, fmt.Sprintf("throughput %s, not %s", throughputString(ix.Throughput), throughputString(other.Throughput)))
	}
	if len(d) == 0 {
		return ""
	}
	return joinAnd(d)
}

// Equal reports whether two projections hold the same attributes: the same type, and for
// INCLUDE the same attributes in any order.
func (p Projection) Equal(other Projection) bool {
	if p.Kind() != other.Kind() {
		return false
	}
	a, b := slices.Clone(p.Attributes), slices.Clone(other.Attributes)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// String formats the projection as "ALL", "KEYS_ONLY" or "INCLUDE(a, b)".
func (p Projection) String() string {
	if p.Kind() != ProjectInclude {
		return string(p.Kind())
	}
	s := "INCLUDE("
	for i, a := range p.Attributes {
		if i > 0 {
			s += ", "
		}
		s += a
	}
	return s + ")"
}

// String formats the throughput as "5 read, 5 write".
func (t Throughput) String() string { return fmt.Sprintf("%d read, %d write", t.Read, t.Write) }

// String formats the billing as "on demand" or "provisioned 5 read, 5 write".
func (b Billing) String() string {
	if b.OnDemand {
		return "on demand"
	}
	return "provisioned " + b.Throughput.String()
}

func equalThroughput(a, b *Throughput) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func throughputString(t *Throughput) string {
	if t == nil {
		return "the table's"
	}
	return t.String()
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	s := ""
	for i, p := range parts {
		switch {
		case i == 0:
		case i == len(parts)-1:
			s += " and "
		default:
			s += ", "
		}
		s += p
	}
	return s
}
