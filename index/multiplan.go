package index

import (
	"fmt"
	"slices"
	"strings"
)

// assessMulti assesses an index with a multi-attribute key against the conditions, with
// DynamoDB's rules for such keys: every partition attribute is compared with =; the sort
// attributes are used from the first one on, without skipping any, each with = but the last
// one given, which may have a range condition (<, <=, >, >=, between, begins_with) instead.
// An index the query constrains out of that order does not fit: the attributes it could not
// hold in its key condition would have to be filtered, and DynamoDB refuses filters on key
// attributes.
func (t Layout) assessMulti(cand candidate, equal, ranges map[string]bool, need []string) candidate {
	ix := cand.ix
	hashes := ix.Keys.HashKeys()
	for _, h := range hashes {
		if equal[h.Name] {
			continue
		}
		cand.why = fmt.Sprintf("partition attribute %q is not compared with = (a multi-attribute partition key needs = on each of %s)", h.Name, quoted(hashes))
		if ranges[h.Name] {
			cand.why = fmt.Sprintf("partition attribute %q has a range condition; each of %s needs =", h.Name, quoted(hashes))
		}
		return cand
	}
	for _, a := range need {
		if !t.Projects(ix, a) {
			cand.why = fmt.Sprintf("projects %s, without %q, which the query needs (project it into the index)", ix.Projection, a)
			return cand
		}
	}

	sorts := ix.Keys.RangeKeys()
	var used []string
	afterRange := false
	next := 0 // the first sort attribute the key condition does not use
	for next < len(sorts) {
		s := sorts[next].Name
		if equal[s] {
			used = append(used, s)
			next++
			continue
		}
		if ranges[s] {
			used = append(used, s)
			next++
			afterRange = true
		}
		break
	}
	for _, k := range sorts[next:] {
		if !equal[k.Name] && !ranges[k.Name] {
			continue
		}
		if afterRange {
			cand.why = fmt.Sprintf("sort attribute %q is constrained after %q, which has a range condition; only the last sort attribute given may have one, the ones before it need =", k.Name, used[len(used)-1])
		} else {
			cand.why = fmt.Sprintf("sort attribute %q is constrained but %q before it is not; sort attributes are used in order, from the first, without skipping", k.Name, sorts[next].Name)
		}
		return cand
	}

	cand.fits = true
	cand.rank = len(hashes) + len(used)
	cand.rngs = used
	var b strings.Builder
	fmt.Fprintf(&b, "partition attributes %s (=)", quoted(hashes))
	if len(used) > 0 {
		parts := make([]string, len(used))
		for i, s := range used {
			op := "="
			if !equal[s] {
				op = "range condition"
			}
			parts[i] = fmt.Sprintf("%q (%s)", s, op)
		}
		fmt.Fprintf(&b, " and sort attributes %s", strings.Join(parts, ", "))
	}
	switch {
	case len(sorts) == 0:
		b.WriteString(", no sort key")
	case next < len(sorts):
		fmt.Fprintf(&b, "; sort attribute %q is not constrained", sorts[next].Name)
	}
	cand.why = b.String()
	return cand
}

// inKey reports whether the key condition of ch holds a condition on the attribute named
// name: it is a partition attribute, or one of the sort attributes used.
func inKey(ch Choice, name string) bool {
	for _, h := range ch.Keys.HashKeys() {
		if h.Name == name {
			return true
		}
	}
	return slices.Contains(ch.Ranges, name)
}

// quoted formats the names of keys as `"a", "b"`.
func quoted(keys []Key) string {
	s := make([]string, len(keys))
	for i, k := range keys {
		s[i] = fmt.Sprintf("%q", k.Name)
	}
	return strings.Join(s, ", ")
}
