package attr

import (
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
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

// spare returns buf's unused capacity as an empty slice to append a text to; keep then takes
// the text into buf. Appending to spare instead of to buf itself spares a write barrier per
// number: buf's pointer is written only when room replaces it.
func (a *arena) spare() []byte { return a.buf[len(a.buf):len(a.buf)] }

// keep returns b, appended to spare, as a string, and takes its bytes into buf. When b
// outgrew spare (room was given too little), its bytes are its own and buf is left as it is.
func (a *arena) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	n := len(a.buf)
	if len(b) <= cap(a.buf)-n && unsafe.SliceData(b) == unsafe.SliceData(a.buf[n:]) {
		a.buf = a.buf[:n+len(b)] // only the length changes: no write barrier
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// formatInt is strconv.FormatInt(i, 10) with its text in buf.
func (a *arena) formatInt(i int64) string {
	if 0 <= i && i < 100 {
		return strconv.FormatInt(i, 10) // no allocation
	}
	a.room(20)
	return a.keep(strconv.AppendInt(a.spare(), i, 10))
}

// formatUint is strconv.FormatUint(u, 10) with its text in buf.
func (a *arena) formatUint(u uint64) string {
	if u < 100 {
		return strconv.FormatUint(u, 10)
	}
	a.room(20)
	return a.keep(strconv.AppendUint(a.spare(), u, 10))
}

// formatFloat is strconv.FormatFloat(f, 'g', -1, bits) with its text in buf.
func (a *arena) formatFloat(f float64, bits int) string {
	a.room(32)
	return a.keep(strconv.AppendFloat(a.spare(), f, 'g', -1, bits))
}

const chunk = 8 // members allocated at once when nothing was reserved

// takeS, takeN, takeBOOL and takeM hand out one member for a caller that sets its value, and that
// made sure there is one (refilling an empty kind): so they are short enough to be inlined,
// which the pops below are not.
func (a *arena) takeS() *types.AttributeValueMemberS {
	a.s = a.s[:len(a.s)-1]
	return &a.s[:len(a.s)+1][len(a.s)]
}

func (a *arena) takeN() *types.AttributeValueMemberN {
	a.n = a.n[:len(a.n)-1]
	return &a.n[:len(a.n)+1][len(a.n)]
}

func (a *arena) takeBOOL() *types.AttributeValueMemberBOOL {
	a.bo = a.bo[:len(a.bo)-1]
	return &a.bo[:len(a.bo)+1][len(a.bo)]
}

func (a *arena) takeM() *types.AttributeValueMemberM {
	a.m = a.m[:len(a.m)-1]
	return &a.m[:len(a.m)+1][len(a.m)]
}

// refillS, refillN, refillBOOL and refillM give an empty kind a new chunk, for take.
//
//go:noinline
func (a *arena) refillS() { a.s = make([]types.AttributeValueMemberS, chunk) }

//go:noinline
func (a *arena) refillN() { a.n = make([]types.AttributeValueMemberN, chunk) }

//go:noinline
func (a *arena) refillBOOL() { a.bo = make([]types.AttributeValueMemberBOOL, chunk) }

//go:noinline
func (a *arena) refillM() { a.m = make([]types.AttributeValueMemberM, chunk) }

func (a *arena) S(v string) types.AttributeValue {
	if len(a.s) == 0 {
		a.s = refill[types.AttributeValueMemberS]()
	}
	n := len(a.s) - 1
	m := &a.s[n]
	a.s = a.s[:n]
	m.Value = v
	return m
}

func (a *arena) N(v string) types.AttributeValue {
	if len(a.n) == 0 {
		a.n = refill[types.AttributeValueMemberN]()
	}
	n := len(a.n) - 1
	m := &a.n[n]
	a.n = a.n[:n]
	m.Value = v
	return m
}

func (a *arena) B(v []byte) types.AttributeValue {
	if len(a.b) == 0 {
		a.b = refill[types.AttributeValueMemberB]()
	}
	n := len(a.b) - 1
	m := &a.b[n]
	a.b = a.b[:n]
	m.Value = v
	return m
}

func (a *arena) BOOL(v bool) types.AttributeValue {
	if len(a.bo) == 0 {
		a.bo = refill[types.AttributeValueMemberBOOL]()
	}
	n := len(a.bo) - 1
	m := &a.bo[n]
	a.bo = a.bo[:n]
	m.Value = v
	return m
}

func (a *arena) NULL() types.AttributeValue {
	if len(a.nul) == 0 {
		a.nul = refill[types.AttributeValueMemberNULL]()
	}
	n := len(a.nul) - 1
	m := &a.nul[n]
	a.nul = a.nul[:n]
	m.Value = true
	return m
}

func (a *arena) M(v map[string]types.AttributeValue) types.AttributeValue {
	if len(a.m) == 0 {
		a.m = refill[types.AttributeValueMemberM]()
	}
	n := len(a.m) - 1
	m := &a.m[n]
	a.m = a.m[:n]
	m.Value = v
	return m
}

func (a *arena) L(v []types.AttributeValue) types.AttributeValue {
	if len(a.l) == 0 {
		a.l = refill[types.AttributeValueMemberL]()
	}
	n := len(a.l) - 1
	m := &a.l[n]
	a.l = a.l[:n]
	m.Value = v
	return m
}

func (a *arena) SS(v []string) types.AttributeValue {
	if len(a.ss) == 0 {
		a.ss = refill[types.AttributeValueMemberSS]()
	}
	n := len(a.ss) - 1
	m := &a.ss[n]
	a.ss = a.ss[:n]
	m.Value = v
	return m
}

func (a *arena) NS(v []string) types.AttributeValue {
	if len(a.ns) == 0 {
		a.ns = refill[types.AttributeValueMemberNS]()
	}
	n := len(a.ns) - 1
	m := &a.ns[n]
	a.ns = a.ns[:n]
	m.Value = v
	return m
}

func (a *arena) BS(v [][]byte) types.AttributeValue {
	if len(a.bs) == 0 {
		a.bs = refill[types.AttributeValueMemberBS]()
	}
	n := len(a.bs) - 1
	m := &a.bs[n]
	a.bs = a.bs[:n]
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
	outer, _ = a.collectIn(&elem.blocks, elem, n, false)
	return outer
}

// collectList is collect for a list, whose slice of n values comes from the same block.
func (a *arena) collectList(elem *codec, n int) (outer members, list []types.AttributeValue) {
	return a.collectIn(&elem.listBlocks, elem, n, true)
}

func (a *arena) collectIn(cache *[smallLists + 1]atomic.Pointer[block], elem *codec, n int, withList bool) (outer members, list []types.AttributeValue) {
	outer = a.members
	a.members = members{}
	if n <= 0 || n > smallLists {
		if n > 0 {
			a.reserve(&elem.static, n)
		}
		if withList {
			list = make([]types.AttributeValue, max(n, 0))
		}
		return outer, list
	}
	blk := cache[n].Load()
	if blk == nil {
		var c counts
		for k := range c {
			c[k] = elem.static[k] * int32(n)
		}
		values := 0
		if withList {
			values = n
		}
		blk = newBlock(c, values)
		cache[n].Store(blk)
	}
	if blk.typ != nil {
		base := blk.alloc()
		blk.fill(a, base, &counts{})
		if withList {
			list = unsafe.Slice((*types.AttributeValue)(unsafe.Add(base, blk.valuesOff)), n)
		}
	}
	return outer, list
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
	// valuesOff is where the block's array of a list's values starts, when it has one.
	valuesOff uintptr
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

// newBlock lays out a block of the members c counts, followed by an array of values
// attribute values (the slice of a list) when values is not zero.
func newBlock(c counts, values int) *block {
	var fields []reflect.StructField
	blk := &block{n: c}
	for k := S; k <= BS; k++ {
		if c[k] > 0 {
			fields = append(fields, reflect.StructField{Name: "F" + k.String(), Type: reflect.ArrayOf(int(c[k]), memberTypes[k])})
			blk.kinds = append(blk.kinds, k)
		}
	}
	if values > 0 {
		fields = append(fields, reflect.StructField{Name: "Values", Type: reflect.ArrayOf(values, avType)})
	}
	if len(fields) == 0 {
		return blk
	}
	blk.typ = reflect.StructOf(fields)
	for i, k := range blk.kinds {
		blk.off[k] = blk.typ.Field(i).Offset
	}
	if values > 0 {
		blk.valuesOff = blk.typ.Field(len(fields) - 1).Offset
		return blk
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
		// The slice of members of type k in a.members, written through its header: every
		// member slice has one layout, and the data pointer is stored with its write barrier.
		h := (*sliceHeader)(unsafe.Add(unsafe.Pointer(&a.members), membersOff[k]))
		h.data = unsafe.Add(p, blk.off[k]+uintptr(skip[k])*memberSize[k])
		h.len, h.cap = n, n
	}
}

// memberSize is the size of a member of each type, and membersOff the offset in members of
// the slice of that type.
var memberSize, membersOff = func() (size, off [BS + 1]uintptr) {
	var m members
	offs := [BS + 1]uintptr{
		S: unsafe.Offsetof(m.s), N: unsafe.Offsetof(m.n), B: unsafe.Offsetof(m.b),
		BOOL: unsafe.Offsetof(m.bo), NULL: unsafe.Offsetof(m.nul), M: unsafe.Offsetof(m.m),
		L: unsafe.Offsetof(m.l), SS: unsafe.Offsetof(m.ss), NS: unsafe.Offsetof(m.ns),
		BS: unsafe.Offsetof(m.bs),
	}
	for k := S; k <= BS; k++ {
		size[k] = memberTypes[k].Size()
	}
	return size, offs
}()

// release forgets the arena's remaining members and returns it to the pool. The members
// already handed out belong to the encoded item.
func (a *arena) release() {
	*a = arena{buf: a.buf}
	arenas.Put(a)
}
