package validate

import (
	"reflect"
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// matcher answers re.MatchString for the shapes of regular expression validators use most —
// a sequence of characters and character classes, each once, optional, or repeated, with or
// without ^ and $ — as a bit-parallel automaton over the pattern's positions, with no
// allocation and none of regexp's per-call set-up. It is built only when the pattern has that
// shape (see newMatcher); other patterns go to regexp itself.
//
// Position j of the automaton means "the first j elements are matched"; a set of positions
// is a bit set, so a pattern has at most maxElems elements.
type matcher struct {
	elems     []matchElem
	ascii     [utf8.RuneSelf]uint64 // the elements each ASCII character matches, as bits
	skip      uint64                // elements that may match nothing (x? and x*)
	star      uint64                // elements that may repeat (x*)
	start     uint64                // the positions before any character is read
	accept    uint64                // the position after the last element
	anchorBeg bool                  // the match starts at the start of the text (^, \A)
	anchorEnd bool                  // the match ends at the end of the text ($, \z)
}

// matchElem is one element: a set of characters, as pairs of inclusive bounds, sorted and
// apart when sorted is set (those of a character class).
type matchElem struct {
	ranges []rune
	sorted bool
}

// maxElems is the most elements a matcher has: positions 0..maxElems fit in a uint64.
const maxElems = 63

const (
	repOne = iota
	repOpt
	repStar
)

// newMatcher returns the matcher of re, or nil when re does not have its shape.
func newMatcher(re *regexp.Regexp) *matcher {
	// Only a pattern compiled by regexp.Compile is parsed with Perl flags, as regexp did;
	// CompilePOSIX parses differently (a*? is (a*)?, ^ matches after a newline). It sets
	// leftmost-longest matching, which regexp does not expose but to reflection: such
	// patterns, and any whose flag cannot be read, keep regexp.
	if longest := reflect.ValueOf(re).Elem().FieldByName("longest"); !longest.IsValid() || longest.Kind() != reflect.Bool || longest.Bool() {
		return nil
	}
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	m := &matcher{}
	var subs []*syntax.Regexp
	if parsed.Op == syntax.OpConcat {
		subs = parsed.Sub
	} else {
		subs = []*syntax.Regexp{parsed}
	}
	for len(subs) > 0 && subs[0].Op == syntax.OpBeginText {
		m.anchorBeg = true
		subs = subs[1:]
	}
	for len(subs) > 0 && subs[len(subs)-1].Op == syntax.OpEndText {
		m.anchorEnd = true
		subs = subs[:len(subs)-1]
	}
	var reps []int
	for _, sub := range subs {
		if !m.add(sub, &reps) {
			return nil
		}
	}
	for j, e := range m.elems {
		bit := uint64(1) << j
		switch reps[j] {
		case repOpt:
			m.skip |= bit
		case repStar:
			m.skip |= bit
			m.star |= bit
		}
		for c := range rune(utf8.RuneSelf) {
			if e.has(c) {
				m.ascii[c] |= bit
			}
		}
	}
	m.accept = uint64(1) << len(m.elems)
	m.start = m.closure(1)
	return m
}

// add appends the elements of re, reporting false when re does not have the matcher's shape.
func (m *matcher) add(re *syntax.Regexp, reps *[]int) bool {
	push := func(e matchElem, rep int) bool {
		if len(m.elems) == maxElems {
			return false
		}
		m.elems = append(m.elems, e)
		*reps = append(*reps, rep)
		return true
	}
	switch re.Op {
	case syntax.OpEmptyMatch:
		return true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !m.add(sub, reps) {
				return false
			}
		}
		return true
	case syntax.OpCapture:
		return m.add(re.Sub[0], reps)
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if !push(literalElem(r, re.Flags&syntax.FoldCase != 0), repOne) {
				return false
			}
		}
		return true
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		e, ok := singleElem(re.Sub[0])
		if !ok {
			return false
		}
		lo, hi := re.Min, re.Max
		switch re.Op {
		case syntax.OpStar:
			lo, hi = 0, -1
		case syntax.OpPlus:
			lo, hi = 1, -1
		case syntax.OpQuest:
			lo, hi = 0, 1
		}
		for range lo {
			if !push(e, repOne) {
				return false
			}
		}
		if hi < 0 {
			return push(e, repStar)
		}
		for range hi - lo {
			if !push(e, repOpt) {
				return false
			}
		}
		return true
	}
	e, ok := singleElem(re)
	return ok && push(e, repOne)
}

// singleElem returns the element of a pattern that matches exactly one character.
func singleElem(re *syntax.Regexp) (matchElem, bool) {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 1 {
			return literalElem(re.Rune[0], re.Flags&syntax.FoldCase != 0), true
		}
	case syntax.OpCharClass:
		return matchElem{ranges: re.Rune, sorted: true}, true
	case syntax.OpAnyChar:
		return matchElem{ranges: []rune{0, unicode.MaxRune}}, true
	case syntax.OpAnyCharNotNL:
		return matchElem{ranges: []rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune}}, true
	}
	return matchElem{}, false
}

// literalElem is the element of the character r, and of the characters it folds to when
// fold is set.
func literalElem(r rune, fold bool) matchElem {
	if !fold {
		return matchElem{ranges: []rune{r, r}}
	}
	var rs []rune
	for f := r; ; {
		rs = append(rs, f, f)
		if f = unicode.SimpleFold(f); f == r {
			break
		}
	}
	return matchElem{ranges: rs}
}

func (e matchElem) has(c rune) bool {
	if e.sorted && len(e.ranges) > 16 {
		// Large classes (\pL has hundreds of ranges): binary search for the first pair
		// whose upper bound is at least c.
		lo, hi := 0, len(e.ranges)/2
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if e.ranges[2*mid+1] < c {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo < len(e.ranges)/2 && e.ranges[2*lo] <= c
	}
	for i := 0; i+1 < len(e.ranges); i += 2 {
		if e.ranges[i] <= c && c <= e.ranges[i+1] {
			return true
		}
	}
	return false
}

// closure adds to the positions s those reached by skipping optional elements.
func (m *matcher) closure(s uint64) uint64 {
	for {
		next := s | (s&m.skip)<<1
		if next == s {
			return s
		}
		s = next
	}
}

// elemsOf returns the elements the character c matches.
func (m *matcher) elemsOf(c rune) uint64 {
	if c < utf8.RuneSelf {
		return m.ascii[c]
	}
	var bits uint64
	for j, e := range m.elems {
		if e.has(c) {
			bits |= 1 << j
		}
	}
	return bits
}

// MatchString reports whether s holds a match of the pattern, as re.MatchString does.
func (m *matcher) MatchString(s string) bool {
	cur := m.start
	if !m.anchorEnd && cur&m.accept != 0 {
		return true
	}
	for _, c := range s {
		t := cur & m.elemsOf(c)
		cur = m.closure((t&^m.star)<<1 | t&m.star)
		if !m.anchorBeg {
			cur |= m.start
		} else if cur == 0 {
			return false
		}
		if !m.anchorEnd && cur&m.accept != 0 {
			return true
		}
	}
	return cur&m.accept != 0
}
