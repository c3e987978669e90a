package attr

import (
	"errors"
	"strconv"
	"strings"
)

// PathElem is one step of a Path: an attribute or map key, or a list index.
type PathElem struct {
	Name    string // the attribute or map key, when IsIndex is false
	Index   int    // the list position, when IsIndex is true
	IsIndex bool
}

// Path addresses an attribute inside an item, as in a DynamoDB document path:
// address.city, items[2].qty. Its methods return new paths and never change the receiver.
type Path []PathElem

// ParsePath parses a document path: names separated by dots, each followed by any number of
// [index] steps. Names may hold any character but '.', '[' and ']'.
func ParsePath(s string) (Path, error) {
	if s == "" {
		return nil, errors.New("attr: empty path")
	}
	var p Path
	rest := s
	for {
		end := strings.IndexAny(rest, ".[]")
		if end < 0 {
			end = len(rest)
		}
		if end == 0 {
			return nil, &pathError{path: s, why: "empty name"}
		}
		p = append(p, PathElem{Name: rest[:end]})
		rest = rest[end:]
		for len(rest) > 0 && rest[0] == '[' {
			closing := strings.IndexByte(rest, ']')
			if closing < 0 {
				return nil, &pathError{path: s, why: "unclosed ["}
			}
			n, err := strconv.Atoi(rest[1:closing])
			if err != nil || n < 0 || rest[1] == '+' {
				return nil, &pathError{path: s, why: "bad index " + strconv.Quote(rest[1:closing])}
			}
			p = append(p, PathElem{Index: n, IsIndex: true})
			rest = rest[closing+1:]
		}
		if rest == "" {
			return p, nil
		}
		if rest[0] != '.' {
			return nil, &pathError{path: s, why: "unexpected " + strconv.Quote(rest[:1])}
		}
		rest = rest[1:]
	}
}

type pathError struct{ path, why string }

func (e *pathError) Error() string { return "attr: path " + strconv.Quote(e.path) + ": " + e.why }

// String returns the path in document-path form: address.city, items[2].qty.
func (p Path) String() string {
	var b strings.Builder
	for i, e := range p {
		if e.IsIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(e.Index))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(e.Name)
	}
	return b.String()
}

// Key returns a new path with the attribute or map key name appended.
func (p Path) Key(name string) Path {
	return append(p[:len(p):len(p)], PathElem{Name: name})
}

// Index returns a new path with the list index i appended.
func (p Path) Index(i int) Path {
	return append(p[:len(p):len(p)], PathElem{Index: i, IsIndex: true})
}

// prependKey and prependIndex build an error's path while it unwinds from the failing value
// to the item, so the path costs nothing unless there is an error.
func prependKey(path, name string) string {
	if path == "" || path[0] == '[' {
		return name + path
	}
	return name + "." + path
}

func prependIndex(path string, i int) string {
	if path == "" || path[0] == '[' {
		return "[" + strconv.Itoa(i) + "]" + path
	}
	return "[" + strconv.Itoa(i) + "]." + path
}
