package schema

import (
	"sort"
	"strings"
)

// didYouMean returns ` (did you mean "email"?)` for the name among l's attributes nearest to
// name — at most two edits away (one for short names), letter case aside —
// or "" when none is near enough to be a likely typo.
func didYouMean(name string, l *level) string {
	if l == nil {
		return ""
	}
	limit := 2
	if len(name) <= 4 {
		limit = 1
	}
	best, bestDist := "", limit+1
	names := make([]string, 0, len(l.attrs))
	for _, a := range l.attrs {
		names = append(names, a.name)
	}
	sort.Strings(names) // ties go to the first name in order, whatever the map's order
	for _, n := range names {
		d := editDistance(strings.ToLower(name), strings.ToLower(n))
		if d < bestDist {
			best, bestDist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return ` (did you mean "` + best + `"?)`
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
