package tablesync

import (
	"fmt"
	"strings"
)

// String prints the plan as a diff, one block per table that changes, a line per step marked
// + (adds), - (removes), ~ (changes) or ! (refused), each with its reason below it:
//
//	table orders
//	  + create index byEmail: GSI (email S), projection ALL
//	      the definition has this global index and the table does not; ...
//	  - delete index byOld [destructive]: GSI (old S), projection KEYS_ONLY
//	      the table has this global index and the definition does not; ...
func (c *Changes) String() string {
	var b strings.Builder
	if c.Empty() {
		fmt.Fprintf(&b, "no changes: %d table(s) match their definitions\n", len(c.Tables))
	}
	table := ""
	for _, s := range c.Steps {
		if s.Table != table {
			table = s.Table
			fmt.Fprintf(&b, "table %s\n", table)
		}
		fmt.Fprintf(&b, "  %s %s", s.Action.symbol(), stepTitle(s))
		switch {
		case s.Refused:
			b.WriteString(" [refused]")
		case s.Destructive:
			b.WriteString(" [destructive]")
		}
		fmt.Fprintf(&b, ": %s\n      %s\n", s.Change, s.Why)
	}
	for _, n := range c.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}
