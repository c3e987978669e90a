package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

var (
	// ErrNoIndex is wrapped by the *NoIndexError that [Layout.Choose] returns when neither the
	// table nor any index can serve a query.
	ErrNoIndex = errors.New("index: no index fits the query")
	// ErrUnknownIndex is returned, wrapped, when a query names an index the table does not have.
	ErrUnknownIndex = errors.New("index: unknown index")
)

// Conditions describes the key conditions a query could use: what the query planner needs to
// choose the table or an index.
type Conditions struct {
	// Equal lists the attributes the query compares with =.
	Equal []string
	// Range is the attribute with a condition a sort key allows besides =: <, <=, >, >=,
	// between or begins_with. Empty when there is none.
	Range string
	// MoreRanges lists the other attributes with such conditions, when the query has
	// several. The table or an index whose range key is any of Range and MoreRanges can use
	// it; which one is listed first makes no difference.
	MoreRanges []string
	// Index is the index the query names; empty lets [Layout.Choose] pick.
	Index string
	// Need lists attributes besides the keys that the query must read from the index, such
	// as those of a filter (DynamoDB refuses a filter on attributes an index does not
	// project). An index that does not project one of them does not fit.
	Need []string
}

func (c Conditions) String() string {
	var parts []string
	if len(c.Equal) > 0 {
		parts = append(parts, "= on "+strings.Join(c.Equal, ", "))
	}
	switch ranges := c.ranges(); len(ranges) {
	case 0:
	case 1:
		parts = append(parts, "a range condition on "+ranges[0])
	default:
		parts = append(parts, "range conditions on "+strings.Join(ranges, ", "))
	}
	if len(c.Need) > 0 {
		parts = append(parts, "reading "+strings.Join(c.Need, ", "))
	}
	if len(parts) == 0 {
		return "no conditions"
	}
	return strings.Join(parts, " and ")
}

// ranges returns Range and MoreRanges, each once.
func (c Conditions) ranges() []string {
	var out []string
	for _, r := range append([]string{c.Range}, c.MoreRanges...) {
		if r != "" && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// Choice is where a query runs: the table itself or one of its indexes, and how.
type Choice struct {
	Index      string     // the index name; empty for the table itself
	Global     bool       // the index is a GSI (reads are eventually consistent only)
	Keys       KeySchema  // the key schema of the table or index
	Projection Projection // what the index holds; ALL for the table
	// Range is the sort key attribute the key condition uses (with = when it is in
	// Conditions.Equal, else with the range condition); empty when the key condition uses
	// the hash key alone. For a multi-attribute sort key it is the last one used.
	Range string
	// Ranges lists the sort key attributes the key condition uses, in key order: every one
	// but the last is compared with =, and the last is Range. It holds Range alone for a
	// single-attribute sort key, and nothing when Range is empty.
	Ranges []string
	// Filter lists the constrained attributes that are not in the key condition, in the order
	// given: they become filter conditions.
	Filter []string
	// Explain says in one paragraph which was chosen and why, and what else was considered.
	Explain string

	head, tail string // Explain before and after what it says of Filter
}

// NoIndexError reports a query that neither the table nor any index can serve, with the
// reason each candidate was turned down.
type NoIndexError struct {
	Conditions Conditions
	Tried      []string // one line per candidate: `table: hash key "pk" is not compared with =`
}

func (e *NoIndexError) Error() string {
	what := "no index fits a query with " + e.Conditions.String()
	if e.Conditions.Index != "" {
		what = fmt.Sprintf("index %q does not fit a query with %s", e.Conditions.Index, e.Conditions.String())
	}
	return "index: " + what + "; tried " + strings.Join(e.Tried, "; ")
}

// Unwrap returns [ErrNoIndex].
func (e *NoIndexError) Unwrap() error { return ErrNoIndex }

// candidate is the table or one index, assessed against the conditions.
type candidate struct {
	label string   // `table` or `GSI "byEmail"`
	ix    Index    // Name is empty for the table
	fits  bool     // the hash key is compared with =
	rank  int      // how many key attributes the key condition uses; 0: unusable
	rngs  []string // the sort attributes in the key condition, in key order
	why   string
}

// Choose returns where a query with conditions c runs. The rules, applied in order:
//
//  1. A named index (c.Index) must exist and fit, else the result is an error.
//  2. The table or an index fits when its hash key is compared with =, and it projects
//     every attribute of c.Need. An index with a multi-attribute key fits when every
//     partition attribute is compared with =, and the sort attributes the query constrains
//     are a prefix of its sort key, each compared with = but the last, which may have a
//     range condition instead (DynamoDB's rules for such keys): a query that skips a sort
//     attribute, or constrains one after a range condition, cannot use it.
//  3. Among those that fit, one whose key condition uses more key attributes beats one
//     that uses fewer: a range key constrained too (by = or by a range condition) beats a
//     hash key alone.
//  4. Ties go to the table, then to the index declared first.
//
// When nothing fits, the error is a *[NoIndexError] listing each candidate and why it was
// turned down. The result depends only on t and c, never on map order or earlier calls.
func (t Layout) Choose(c Conditions) (Choice, error) {
	equal := make(map[string]bool, len(c.Equal))
	for _, a := range c.Equal {
		equal[a] = true
	}
	ranges := make(map[string]bool)
	for _, r := range c.ranges() {
		ranges[r] = true
	}
	if c.Index != "" {
		ix, ok := t.Index(c.Index)
		if !ok {
			return Choice{}, fmt.Errorf("%w %q; the table has %s", ErrUnknownIndex, c.Index, t.indexList())
		}
		cand := t.assess(ix, fmt.Sprintf("%s %q", ix.kind(), ix.Name), equal, ranges, c.Need)
		if !cand.fits {
			return Choice{}, &NoIndexError{Conditions: c, Tried: []string{cand.label + ": " + cand.why}}
		}
		return choice(cand, nil, c), nil
	}

	cands := []candidate{t.assess(Index{Keys: t.Keys}, "table", equal, ranges, nil)}
	for _, ix := range t.Indexes {
		cands = append(cands, t.assess(ix, fmt.Sprintf("%s %q", ix.kind(), ix.Name), equal, ranges, c.Need))
	}
	best := -1
	for i, cand := range cands {
		if cand.fits && (best < 0 || cand.rank > cands[best].rank) {
			best = i
		}
	}
	if best < 0 {
		tried := make([]string, len(cands))
		for i, cand := range cands {
			tried[i] = cand.label + ": " + cand.why
		}
		return Choice{}, &NoIndexError{Conditions: c, Tried: tried}
	}
	others := slices.Delete(slices.Clone(cands), best, best+1)
	return choice(cands[best], others, c), nil
}

func (t Layout) assess(ix Index, label string, equal, ranges map[string]bool, need []string) candidate {
	cand := candidate{label: label, ix: ix}
	if ix.Keys.MultiAttribute() {
		return t.assessMulti(cand, equal, ranges, need)
	}
	hash := ix.Keys.Hash.Name
	if !equal[hash] {
		cand.why = fmt.Sprintf("hash key %q is not compared with =", hash)
		if ranges[hash] {
			cand.why = fmt.Sprintf("hash key %q has a range condition; a hash key needs =", hash)
		}
		return cand
	}
	for _, a := range need {
		if !t.Projects(ix, a) {
			cand.why = fmt.Sprintf("projects %s, without %q, which the query needs (project it into the index)", ix.Projection, a)
			return cand
		}
	}
	cand.fits = true
	cand.rank = 1
	r := ix.Keys.Range.Name
	switch {
	case !ix.Keys.HasRange():
		cand.why = fmt.Sprintf("hash key %q (=), no range key", hash)
	case equal[r]:
		cand.rank, cand.rngs = 2, []string{r}
		cand.why = fmt.Sprintf("hash key %q (=) and range key %q (=)", hash, r)
	case ranges[r]:
		cand.rank, cand.rngs = 2, []string{r}
		cand.why = fmt.Sprintf("hash key %q (=) and range key %q (range condition)", hash, r)
	default:
		cand.why = fmt.Sprintf("hash key %q (=); range key %q is not constrained", hash, r)
	}
	return cand
}

func choice(best candidate, others []candidate, c Conditions) Choice {
	ch := Choice{
		Index:      best.ix.Name,
		Global:     best.ix.Global,
		Keys:       best.ix.Keys,
		Projection: best.ix.Projection,
		Ranges:     best.rngs,
	}
	if n := len(ch.Ranges); n > 0 {
		ch.Range = ch.Ranges[n-1]
	}
	if ch.Index == "" {
		ch.Projection = Projection{Type: ProjectAll}
	}
	for _, a := range c.Equal {
		if !inKey(ch, a) && !slices.Contains(ch.Filter, a) {
			ch.Filter = append(ch.Filter, a)
		}
	}
	for _, r := range c.ranges() {
		if !slices.Contains(ch.Ranges, r) && !slices.Contains(ch.Filter, r) {
			ch.Filter = append(ch.Filter, r)
		}
	}

	ch.head = fmt.Sprintf("uses %s: %s", best.label, best.why)
	if c.Index != "" {
		ch.head += ", as the query names it"
	}
	var b strings.Builder
	if k := ch.Projection.Kind(); k != ProjectAll {
		fmt.Fprintf(&b, "; the index projects %s, so other attributes are not returned", ch.Projection)
	}
	if len(others) > 0 {
		b.WriteString(". Passed over: ")
		for i, o := range others {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(o.label + ": " + o.why)
			switch {
			case !o.fits:
			case o.rank < best.rank:
				b.WriteString(" (uses fewer keys)")
			case best.ix.Name == "":
				b.WriteString(" (the table is preferred)")
			default:
				b.WriteString(" (declared later)")
			}
		}
	}
	ch.tail = b.String()
	ch.explain()
	return ch
}

// explain writes ch.Explain: what was chosen, what is filtered, and what was passed over.
func (ch *Choice) explain() {
	filters := ""
	if len(ch.Filter) > 0 {
		filters = "; filters on " + strings.Join(ch.Filter, ", ")
	}
	ch.Explain = ch.head + filters + ch.tail + "."
}

// Unfilter returns the choice without names in Filter, and an Explain that no longer says
// they are filtered: for a caller that turns the conditions on them into the key condition
// itself (package model does, with the parts of a key computed by a template).
func (ch Choice) Unfilter(names ...string) Choice {
	ch.Filter = slices.DeleteFunc(slices.Clone(ch.Filter), func(a string) bool { return slices.Contains(names, a) })
	if len(ch.Filter) == 0 {
		ch.Filter = nil
	}
	ch.explain()
	return ch
}

// indexList names the table's indexes for an error message.
func (t Layout) indexList() string {
	if len(t.Indexes) == 0 {
		return "no indexes"
	}
	names := make([]string, len(t.Indexes))
	for i, ix := range t.Indexes {
		names[i] = fmt.Sprintf("%s %q", ix.kind(), ix.Name)
	}
	return "indexes " + strings.Join(names, ", ")
}
