package expr

import (
	"errors"
	"fmt"
)

// KeyConditionAll renders the KeyConditionExpression of a key whose partition key, sort key
// or both have several attributes (a global index with a multi-attribute key): hashes holds
// one equality per partition attribute, sorts the conditions on the sort attributes used, in
// key order, each an equality but the last, which may be any key comparison (=, <, <=, >,
// >=, BETWEEN or begins_with). Each attribute is written on its own:
//
//	#0 = :0 AND #1 = :1 AND #2 = :2 AND #3 BETWEEN :3 AND :4
//
// With one partition condition and at most one sort condition it is [Builder.KeyCondition].
func (b *Builder) KeyConditionAll(hashes, sorts []Cond) (string, error) {
	if len(hashes) == 1 && len(sorts) <= 1 {
		var rng Cond
		if len(sorts) == 1 {
			rng = sorts[0]
		}
		return b.KeyCondition(hashes[0], rng)
	}
	w := b.start("key condition")
	if err := checkKeyAll(hashes, sorts); err != nil {
		w.fail("%w", err)
		return w.finish()
	}
	for i, c := range append(append([]Cond(nil), hashes...), sorts...) {
		if i > 0 {
			w.str(" AND ")
		}
		w.cond(c)
	}
	return w.finish()
}

func checkKeyAll(hashes, sorts []Cond) error {
	if len(hashes) == 0 {
		return errors.New("no condition on the partition key")
	}
	seen := make(map[string]bool)
	check := func(c Cond, eq bool, role string) error {
		if c.IsZero() {
			return fmt.Errorf("a %s attribute has no condition", role)
		}
		if err := checkKeyPart(c); err != nil {
			return err
		}
		name := c.args[0].path[0].Name
		if eq && (c.op != compareCond || c.cmp != EQ) {
			if role == "partition" {
				return fmt.Errorf("partition attribute %q must be compared with =", name)
			}
			return fmt.Errorf("sort attribute %q must be compared with =: only the last sort attribute given may have a range condition", name)
		}
		if seen[name] {
			return fmt.Errorf("attribute %q has two key conditions", name)
		}
		seen[name] = true
		return nil
	}
	for _, h := range hashes {
		if err := check(h, true, "partition"); err != nil {
			return err
		}
	}
	for i, s := range sorts {
		if err := check(s, i < len(sorts)-1, "sort"); err != nil {
			return err
		}
	}
	return nil
}
