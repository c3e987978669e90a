package schema

import (
	"reflect"
	"strconv"

	"github.com/dynamodel/dynamodel/attr"
)

// checkNestedUnknown reports, for a struct schema, each nested struct type that SaveUnknown
// asks to keep unknown attributes inside but that has no field tagged unknown to hold them: a
// read would drop them and the next put would lose them, silently. all is SaveUnknown() given
// with no pattern (every depth); patterns are the given ones, split in segments. The unknown
// field of the item itself implies SaveUnknown() for the item's own level only.
func (b *builder) checkNestedUnknown(l *level, all bool, patterns [][]string) {
	if all {
		patterns = append(patterns, []string{"**"})
	}
	if len(patterns) == 0 {
		return
	}
	b.nestedUnknown(l, patterns, 0)
}

func (b *builder) nestedUnknown(l *level, patterns [][]string, depth int) {
	if l == nil || depth > maxBoundDepth {
		return
	}
	for _, a := range l.attrs {
		sub, list := a.child, false
		if sub == nil && a.elem != nil {
			sub, list = a.elem.child, true
		}
		if sub == nil || sub.goType == nil {
			continue
		}
		rest := consume(patterns, a.name)
		if list {
			rest = consume(rest, "0") // a list position is a segment
		}
		if len(rest) == 0 {
			continue
		}
		if !holdsUnknown(sub.goType) && anyReachesBelow(rest) {
			b.problem("attribute %q: SaveUnknown keeps unknown attributes inside it, but its Go type %v has no field to hold them, so a read would drop them and the next put lose them: add a field tagged unknown to %v (Extra map[string]any `dynamo:\",unknown\"`), or give SaveUnknown patterns that stop above it (\"*\" keeps the item's own level)", a.path, sub.goType, sub.goType)
			continue
		}
		b.nestedUnknown(sub, rest, depth+1)
	}
}

// consume returns what is left of the patterns once their first segment has matched seg: the
// patterns for the level below seg. "**" matches seg and stays, since it matches any number of
// segments.
func consume(patterns [][]string, seg string) [][]string {
	var out [][]string
	for _, p := range patterns {
		if len(p) == 0 {
			continue
		}
		switch {
		case p[0] == "**":
			out = append(out, p) // ** goes on below
			if len(p) > 1 {
				out = append(out, consume([][]string{p[1:]}, seg)...)
			}
		case p[0] == "*" || p[0] == seg || isIndex(p[0]) && isIndex(seg):
			out = append(out, p[1:])
		}
	}
	return out
}

func isIndex(s string) bool { _, err := strconv.Atoi(s); return err == nil }

// anyReachesBelow reports whether one of the patterns left for a level matches an attribute
// there: a non-empty rest.
func anyReachesBelow(patterns [][]string) bool {
	for _, p := range patterns {
		if len(p) > 0 {
			return true
		}
	}
	return false
}

// holdsUnknown reports whether the struct type t has a field tagged unknown.
func holdsUnknown(t reflect.Type) bool {
	fields, err := attr.Fields(t)
	if err != nil {
		return false
	}
	for _, f := range fields {
		if f.Options.Unknown {
			return true
		}
	}
	return false
}
