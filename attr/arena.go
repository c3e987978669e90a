package attr

import (
	"reflect"
	"strconv"
	"sync"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// counts holds a number of attribute value members per Type.
type counts [BS + 1]int32

func (c *counts) add(o *counts) {
	for i := range c {
		c[i] += o[i]
	}
}

// arena hands out the attribute value members of one Marshal call from blocks, so that an
// item costs a few allocations instead of one per attribute. A struct's members are allocated
// in one block sized by its plan; a list or map, whose length is known only when it is
// encoded, brings members of its own for its values (see collect).
type arena struct {
	members

	// buf holds the text of numbers: each number's string points into it, so the numbers of
	// many items share one allocation. Bytes once written are never written again, so the
	// strings stay immutable; the buffer is kept when the arena returns to the pool.
	buf []byte

	depth int // structs, lists and maps being encoded, below the item (see nest)
}

// members are the attribute value members an arena has left to hand out, by type.
type members struct {
	s   []types.AttributeValueMemberS
	n   []types.AttributeValueMemberN
	b   []types.AttributeValueMemberB
	bo  []types.AttributeValueMemberBOOL
	nul []types.AttributeValueMemberNULL
	m   []types.AttributeValueMemberM
	l   []types.AttributeValueMemberL
	ss  []types.AttributeValueMemberSS
	ns  []types.AttributeValueMemberNS
	bs  []types.AttributeValueMemberBS
}

// maxNesting is how deep DynamoDB lets attribute values nest in an item.
const maxNesting = 32

// nest enters one more struct, list or map of type t (stored as k) below the item, refusing
// values nested deeper than DynamoDB stores them, which a cycle through pointers or any
// values would otherwise make endless; unnest leaves it.
func (a *arena) nest(t reflect.Type, k Type) error {
	if a.depth >= maxNesting {
		return marshalError(t, k, because(ErrRange, "values nest deeper than DynamoDB's 32 levels (a cycle through pointers?)"))
	}
	a.depth++
	return nil
}

func (a *arena) unnest() { a.depth-- }

const bufChunk = 512

// room makes sure buf has n more bytes of capacity.
func (a *arena) room(n int) {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]byte, 0, bufChunk)
	}
}

// text returns the bytes appended to buf since start as a string.
func (a *arena) text(start int) string {
	return unsafe.String(&a.buf[start], len(a.buf)-start)
}

// formatInt is strconv.FormatInt(i, 10) with its text in buf.
func (a *arena) formatInt(i int64) string {
	if 0 <= i && i < 100 {
		return strconv.FormatInt(i, 10) // no allocation
	}
	a.room(20)
	start := len(a.buf)
	a.buf = strconv.AppendInt(a.buf, i, 10)
	return a.text(start)
}

// formatUint is strconv.FormatUint(u, 10) with its text in buf.
func (a *arena) formatUint(u uint64) string {
	if u < 100 {
		return strconv.FormatUint(u, 10)
	}
	a.room(20)
	start := len(a.buf)
	a.buf = strconv.AppendUint(a.buf, u, 10)
	return a.text(start)
}

// formatFloat is strconv.FormatFloat(f, 'g', -1, bits) with its text in buf.
func (a *arena) formatFloat(f float64, bits int) string {
	a.room(32)
	start := len(a.buf)
	a.buf = strconv.AppendFloat(a.buf, f, 'g', -1, bits)
	return a.text(start)
}

const chunk = 8 // members allocated at once when nothing was reserved

func (a *arena) S(v string) types.AttributeValue {
	s := a.s
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberS]()
	}
	a.s = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) N(v string) types.AttributeValue {
	s := a.n
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberN]()
	}
	a.n = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) B(v []byte) types.AttributeValue {
	s := a.b
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberB]()
	}
	a.b = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) BOOL(v bool) types.AttributeValue {
	s := a.bo
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberBOOL]()
	}
	a.bo = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) NULL() types.AttributeValue {
	s := a.nul
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberNULL]()
	}
	a.nul = s[1:]
	m := &s[0]
	m.Value = true
	return m
}

func (a *arena) M(v map[string]types.AttributeValue) types.AttributeValue {
	s := a.m
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberM]()
	}
	a.m = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) L(v []types.AttributeValue) types.AttributeValue {
	s := a.l
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberL]()
	}
	a.l = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) SS(v []string) types.AttributeValue {
	s := a.ss
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberSS]()
	}
	a.ss = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) NS(v []string) types.AttributeValue {
	s := a.ns
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberNS]()
	}
	a.ns = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

func (a *arena) BS(v [][]byte) types.AttributeValue {
	s := a.bs
	if len(s) == 0 {
		s = refill[types.AttributeValueMemberBS]()
	}
	a.bs = s[1:]
	m := &s[0]
	m.Value = v
	return m
}

// refill allocates a chunk of members, out of line so that the pops above stay short (they are
// still too large for the inliner: each is a call).
//
//go:noinline
func refill[E any]() []E { return make([]E, chunk) }

// reserve makes room for n values that each need c members.
func (a *arena) reserve(c *counts, n int) {
	if n <= 0 {
		return
	}
	grow(&a.s, int(c[S])*n)
	grow(&a.n, int(c[N])*n)
	grow(&a.b, int(c[B])*n)
	grow(&a.bo, int(c[BOOL])*n)
	grow(&a.nul, int(c[NULL])*n)
	grow(&a.m, int(c[M])*n)
	grow(&a.l, int(c[L])*n)
	grow(&a.ss, int(c[SS])*n)
	grow(&a.ns, int(c[NS])*n)
	grow(&a.bs, int(c[BS])*n)
}

// smallLists is how many elements a list or map may have for its members to come from one
// block of a cached layout (see collect).
const smallLists = 16

// collect gives the arena members of their own for the n values of the codec elem that a
// list or map is about to encode, and returns the members it held: those are reserved for
// the values encoded after the collection (the fields that follow it in its struct), so the
// collection must neither take them nor drop them. The caller gives them back with
// a.members = outer once its values are encoded. For short lists the members are allocated
// in one block, whose layout is built once per element type and length.
func (a *arena) collect(elem *codec, n int) (outer members) {
	outer = a.members
	a.members = members{}
	if n <= 0 {
		return outer
	}
	if n > smallLists {
		a.reserve(&elem.static, n)
		return outer
	}
	blk := elem.blocks[n].Load()
	if blk == nil {
		var c counts
		for k := range c {
			c[k] = elem.static[k] * int32(n)
		}
		blk = newBlock(c)
		elem.blocks[n].Store(blk)
	}
	if blk.typ != nil {
		blk.fill(a, blk.alloc(), &counts{})
	}
	return outer
}

func grow[E any](s *[]E, need int) {
	if need > len(*s) {
		*s = make([]E, need)
	}
}

// block is the layout of one allocation that holds the members a struct type always needs:
// reflect.StructOf{S [nS]MemberS; N [nN]MemberN; ...}. The arena that hands them out comes
// from a pool, so an item's members cost one allocation.
type block struct {
	typ   reflect.Type // nil when the block is empty
	kinds []Type
	off   [BS + 1]uintptr
	n     counts
	// strings is the number of S and N members when they are all the block holds: the two
	// have one memory layout (a string), so the block is a plain []MemberS, allocated
	// without reflection, its N members viewed through *MemberN.
	strings int
}

// sameLayout reports whether MemberS and MemberN have one layout, which a block of strings
// only relies on.
var sameLayout = memberTypes[S].Size() == memberTypes[N].Size() &&
	memberTypes[S].Field(0).Type == memberTypes[N].Field(0).Type &&
	memberTypes[S].Align() == memberTypes[N].Align()

// alloc allocates one block.
func (blk *block) alloc() unsafe.Pointer {
	if blk.strings > 0 {
		return unsafe.Pointer(unsafe.SliceData(make([]types.AttributeValueMemberS, blk.strings)))
	}
	return reflect.New(blk.typ).UnsafePointer()
}

var memberTypes = [BS + 1]reflect.Type{
	S:    reflect.TypeFor[types.AttributeValueMemberS](),
	N:    reflect.TypeFor[types.AttributeValueMemberN](),
	B:    reflect.TypeFor[types.AttributeValueMemberB](),
	BOOL: reflect.TypeFor[types.AttributeValueMemberBOOL](),
	NULL: reflect.TypeFor[types.AttributeValueMemberNULL](),
	M:    reflect.TypeFor[types.AttributeValueMemberM](),
	L:    reflect.TypeFor[types.AttributeValueMemberL](),
	SS:   reflect.TypeFor[types.AttributeValueMemberSS](),
	NS:   reflect.TypeFor[types.AttributeValueMemberNS](),
	BS:   reflect.TypeFor[types.AttributeValueMemberBS](),
}

func newBlock(c counts) *block {
	var fields []reflect.StructField
	blk := &block{n: c}
	for k := S; k <= BS; k++ {
		if c[k] > 0 {
			fields = append(fields, reflect.StructField{Name: "F" + k.String(), Type: reflect.ArrayOf(int(c[k]), memberTypes[k])})
			blk.kinds = append(blk.kinds, k)
		}
	}
	if len(fields) == 0 {
		return blk
	}
	blk.typ = reflect.StructOf(fields)
	for i, k := range blk.kinds {
		blk.off[k] = blk.typ.Field(i).Offset
	}
	if sameLayout && c[S]+c[N] == c.total() {
		blk.strings = int(c[S] + c[N])
		blk.off[S], blk.off[N] = 0, uintptr(c[S])*memberTypes[S].Size()
	}
	return blk
}

func (c *counts) total() int32 {
	var t int32
	for _, n := range c {
		t += n
	}
	return t
}

var arenas = sync.Pool{New: func() any { return new(arena) }}

// arena returns an arena from the pool whose slices point into the block at p, past the
// first skip members of each type. Give it back with release once the item is encoded.
func (blk *block) arena(p unsafe.Pointer, skip *counts) *arena {
	a := arenas.Get().(*arena)
	blk.fill(a, p, skip)
	return a
}

// fill points the arena's slices for the block's member types into the block at p, past the
// first skip members of each type.
func (blk *block) fill(a *arena, p unsafe.Pointer, skip *counts) {
	for _, k := range blk.kinds {
		n := int(blk.n[k] - skip[k])
		if n == 0 {
			continue
		}
		at := unsafe.Add(p, blk.off[k]+uintptr(skip[k])*memberTypes[k].Size())
		switch k {
		case S:
			a.s = unsafe.Slice((*types.AttributeValueMemberS)(at), n)
		case N:
			a.n = unsafe.Slice((*types.AttributeValueMemberN)(at), n)
		case B:
			a.b = unsafe.Slice((*types.AttributeValueMemberB)(at), n)
		case BOOL:
			a.bo = unsafe.Slice((*types.AttributeValueMemberBOOL)(at), n)
		case NULL:
			a.nul = unsafe.Slice((*types.AttributeValueMemberNULL)(at), n)
		case M:
			a.m = unsafe.Slice((*types.AttributeValueMemberM)(at), n)
		case L:
			a.l = unsafe.Slice((*types.AttributeValueMemberL)(at), n)
		case SS:
			a.ss = unsafe.Slice((*types.AttributeValueMemberSS)(at), n)
		case NS:
			a.ns = unsafe.Slice((*types.AttributeValueMemberNS)(at), n)
		case BS:
			a.bs = unsafe.Slice((*types.AttributeValueMemberBS)(at), n)
		}
	}
}

// release forgets the arena's remaining members and returns it to the pool. The members
// already handed out belong to the encoded item.
func (a *arena) release() {
	*a = arena{buf: a.buf}
	arenas.Put(a)
}
