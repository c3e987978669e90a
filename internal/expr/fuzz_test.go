package expr

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
)

// token matches every token an expression may hold: placeholders, list indexes, keywords,
// function names and punctuation. Anything else would be text that came from a caller.
var token = regexp.MustCompile(`^(?:#n[0-9]+|:v[0-9]+|\[[0-9]+\]|AND|OR|NOT|BETWEEN|IN|SET|REMOVE|ADD|DELETE|` +
	`begins_with|contains|attribute_exists|attribute_not_exists|attribute_type|size|if_not_exists|list_append|` +
	`<>|<=|>=|[=<>().,+-])`)

func tokenize(e string) ([]string, error) {
	var toks []string
	for i := 0; i < len(e); {
		if e[i] == ' ' {
			i++
			continue
		}
		m := token.FindString(e[i:])
		if m == "" {
			return nil, fmt.Errorf("unexpected text at %d: %q", i, e[i:])
		}
		toks = append(toks, m)
		i += len(m)
	}
	return toks, nil
}

// parser checks the grammar of DynamoDB's conditions and updates, as the developer guide
// writes it, over the tokens of an expression.
type parser struct {
	toks        []string
	pos         int
	names, vals map[string]bool
}

func (p *parser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *parser) next() string { t := p.peek(); p.pos++; return t }

func (p *parser) expect(t string) {
	if got := p.next(); got != t {
		panic(fmt.Sprintf("want %q at token %d, got %q", t, p.pos-1, got))
	}
}

func (p *parser) path() {
	t := p.next()
	if t == "" || t[0] != '#' {
		panic(fmt.Sprintf("want a name at token %d, got %q", p.pos-1, t))
	}
	p.names[t] = true
	for {
		switch t := p.peek(); {
		case t == ".":
			p.next()
			n := p.next()
			if n == "" || n[0] != '#' {
				panic("want a name after .")
			}
			p.names[n] = true
		case len(t) > 0 && t[0] == '[':
			p.next()
		default:
			return
		}
	}
}

func (p *parser) value() {
	t := p.next()
	if t == "" || t[0] != ':' {
		panic(fmt.Sprintf("want a value at token %d, got %q", p.pos-1, t))
	}
	p.vals[t] = true
}

func (p *parser) operand() {
	switch t := p.peek(); {
	case t == "size":
		p.next()
		p.expect("(")
		p.path()
		p.expect(")")
	case len(t) > 0 && t[0] == ':':
		p.value()
	default:
		p.path()
	}
}

func (p *parser) cond() {
	p.and()
	for p.peek() == "OR" {
		p.next()
		p.and()
	}
}

func (p *parser) and() {
	p.factor()
	for p.peek() == "AND" {
		p.next()
		p.factor()
	}
}

func (p *parser) factor() {
	switch t := p.peek(); t {
	case "NOT":
		p.next()
		p.factor()
	case "(":
		p.next()
		p.cond()
		p.expect(")")
	case "attribute_exists", "attribute_not_exists":
		p.next()
		p.expect("(")
		p.path()
		p.expect(")")
	case "begins_with", "contains", "attribute_type":
		p.next()
		p.expect("(")
		p.path()
		p.expect(",")
		p.operand()
		p.expect(")")
	default:
		p.operand()
		switch op := p.next(); op {
		case "=", "<>", "<", "<=", ">", ">=":
			p.operand()
		case "BETWEEN":
			p.operand()
			p.expect("AND")
			p.operand()
		case "IN":
			p.expect("(")
			p.operand()
			for p.peek() == "," {
				p.next()
				p.operand()
			}
			p.expect(")")
		default:
			panic(fmt.Sprintf("want a comparison at token %d, got %q", p.pos-1, op))
		}
	}
}

func (p *parser) update() {
	seen := map[string]bool{}
	for p.peek() != "" {
		clause := p.next()
		if seen[clause] {
			panic("clause " + clause + " twice")
		}
		seen[clause] = true
		for {
			p.path()
			switch clause {
			case "SET":
				p.expect("=")
				p.setOperand()
				if t := p.peek(); t == "+" || t == "-" {
					p.next()
					p.setOperand()
				}
			case "ADD", "DELETE":
				p.value()
			case "REMOVE":
			default:
				panic("unknown clause " + clause)
			}
			if p.peek() != "," {
				break
			}
			p.next()
		}
	}
}

func (p *parser) setOperand() {
	switch t := p.peek(); {
	case t == "if_not_exists":
		p.next()
		p.expect("(")
		p.path()
		p.expect(",")
		p.setOperand()
		p.expect(")")
	case t == "list_append":
		p.next()
		p.expect("(")
		p.setOperand()
		p.expect(",")
		p.setOperand()
		p.expect(")")
	case len(t) > 0 && t[0] == ':':
		p.value()
	default:
		p.path()
	}
}

// wellFormed parses e with rule ("cond" or "update") and checks that it uses exactly the
// placeholders of b.
func wellFormed(b *Builder, e, rule string) (err error) {
	toks, err := tokenize(e)
	if err != nil {
		return err
	}
	p := &parser{toks: toks, names: map[string]bool{}, vals: map[string]bool{}}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%q: %v", e, r)
		}
	}()
	if rule == "update" {
		p.update()
	} else {
		p.cond()
	}
	if p.pos != len(toks) {
		return fmt.Errorf("%q: trailing tokens %v", e, toks[p.pos:])
	}
	for ph := range b.Names() {
		if !p.names[ph] {
			return fmt.Errorf("%q: name placeholder %s unused", e, ph)
		}
	}
	for ph := range b.Values() {
		if !p.vals[ph] {
			return fmt.Errorf("%q: value placeholder %s unused", e, ph)
		}
	}
	if len(p.names) != len(b.Names()) || len(p.vals) != len(b.Values()) {
		return fmt.Errorf("%q: uses %d names and %d values; the builder holds %d and %d", e, len(p.names), len(p.vals), len(b.Names()), len(b.Values()))
	}
	return nil
}

// fuzzPath builds a path of two names with an optional index between them.
func fuzzPath(a, b string, idx int) attr.Path {
	path := attr.Path{{Name: a}}
	if idx >= 0 {
		path = path.Index(idx % 1000)
	}
	return path.Key(b)
}

// FuzzCondition builds conditions of every shape from any names and values and checks that
// each one is well formed, holds no caller text, and maps its placeholders back to exactly
// the caller's names and values.
func FuzzCondition(f *testing.F) {
	f.Add("address", "city", "Oslo", "12.5", 2, uint8(0))
	f.Add("a = :v0 OR #n0", ") AND (", "#n0", "1e5", -1, uint8(7))
	f.Add("", "x", "", "", 0, uint8(3))
	f.Add("NOT", "size", "AND", "-0", 3, uint8(200))
	f.Add("0", "\xa8", "k\xff", "1", 7, uint8(0))
	f.Fuzz(func(t *testing.T, a, b, sv, nv string, idx int, shape uint8) {
		path := fuzzPath(a, b, idx)
		other := attr.Path{{Name: b}}
		str := &types.AttributeValueMemberS{Value: sv}
		num := &types.AttributeValueMemberN{Value: nv}
		leaves := []Cond{
			Equal(path, str),
			Compare(Size(path), GT, Value(num)),
			Compare(Path(path), LE, Path(other)),
			Between(Path(path), Value(str), Value(str)),
			In(Path(other), Value(str), Value(num)),
			BeginsWith(path, str),
			Contains(other, Value(str)),
			Exists(path),
			NotExists(other),
			IsType(path, attr.Type(shape%12)),
		}
		l := leaves[int(shape)%len(leaves)]
		r := leaves[int(shape/16)%len(leaves)]
		conds := []Cond{l, Not(l), And(l, r), Or(l, Not(r)), And(Or(l, r), Not(And(r, l))), Or(And(l, r), r)}
		c := conds[int(shape/32)%len(conds)]

		var bld Builder
		e, err := bld.Condition(c)
		if err != nil {
			if bld.Names() != nil || bld.Values() != nil {
				t.Fatalf("Condition failed (%v) but left placeholders %v %v", err, bld.Names(), bld.Values())
			}
			// Text that is not UTF-8 (a name or a value) is refused, as DynamoDB would change it.
			if a != "" && b != "" && shape%12 != 0 && shape%12 != 11 && validUTF8(a, b, sv, nv) {
				t.Fatalf("Condition(%q, %q, %d) = %v; want no error", a, b, shape, err)
			}
			return
		}
		if err := wellFormed(&bld, e, "cond"); err != nil {
			t.Fatal(err)
		}
		for _, name := range bld.Names() {
			if name != a && name != b {
				t.Fatalf("Names() holds %q; want only %q and %q", name, a, b)
			}
		}
		for _, v := range bld.Values() {
			switch v := v.(type) {
			case *types.AttributeValueMemberS:
				if v.Value != sv && !slices.Contains([]string{"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}, v.Value) {
					t.Fatalf("Values() holds %q; want %q or a type name", v.Value, sv)
				}
			case *types.AttributeValueMemberN:
				if v.Value != nv {
					t.Fatalf("Values() holds %q; want %q", v.Value, nv)
				}
			}
		}
	})
}

func validUTF8(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// FuzzUpdate builds updates from any names and values and checks they are well formed.
func FuzzUpdate(f *testing.F) {
	f.Add("count", "tags", "x", "1", 0, uint8(0))
	f.Add("SET", "REMOVE #n0", ":v0", "-1", -1, uint8(255))
	f.Add("a", "a", "", "", -1, uint8(9))
	f.Add("a\xff", "b", "\xfe", "1", 0, uint8(0))
	f.Fuzz(func(t *testing.T, a, b, sv, nv string, idx int, shape uint8) {
		pa := fuzzPath(a, b, idx)
		pb := attr.Path{{Name: b}}
		str := &types.AttributeValueMemberS{Value: sv}
		num := &types.AttributeValueMemberN{Value: nv}
		set := &types.AttributeValueMemberSS{Value: []string{sv}}
		actions := []func(Update, attr.Path) Update{
			func(u Update, p attr.Path) Update { return u.Set(p, Value(str)) },
			func(u Update, p attr.Path) Update { return u.Set(p, Plus(IfNotExists(p, Value(num)), Value(num))) },
			func(u Update, p attr.Path) Update { return u.Set(p, Minus(Path(p), Value(num))) },
			func(u Update, p attr.Path) Update {
				return u.Set(p, ListAppend(IfNotExists(p, Value(&types.AttributeValueMemberL{})), Value(str)))
			},
			func(u Update, p attr.Path) Update { return u.Remove(p) },
			func(u Update, p attr.Path) Update { return u.Add(p, num) },
			func(u Update, p attr.Path) Update { return u.Delete(p, set) },
		}
		u := actions[int(shape)%len(actions)](Update{}, pa)
		u = actions[int(shape/8)%len(actions)](u, pb)
		if shape >= 128 {
			u = u.Set(attr.Path{{Name: "k" + strconv.Itoa(int(shape))}}, Value(str))
		}
		var bld Builder
		e, err := bld.Update(u)
		if err != nil {
			if bld.Names() != nil || bld.Values() != nil {
				t.Fatalf("Update failed (%v) but left placeholders", err)
			}
			if a != "" && b != "" && a != b && validUTF8(a, b, sv, nv) {
				t.Fatalf("Update(%q, %q, %d) = %v; want no error", a, b, shape, err)
			}
			return
		}
		if err := wellFormed(&bld, e, "update"); err != nil {
			t.Fatal(err)
		}
	})
}
