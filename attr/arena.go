package attr

import (
	"reflect"
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
// in one block sized by its plan; lists and maps reserve what their elements need.
type arena struct {
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

const chunk = 8 // members allocated at once when nothing was reserved

func (a *arena) S(v string) types.AttributeValue {
	if len(a.s) == 0 {
		a.s = make([]types.AttributeValueMemberS, chunk)
	}
	m := &a.s[0]
	a.s = a.s[1:]
	m.Value = v
	return m
}

func (a *arena) N(v string) types.AttributeValue {
	if len(a.n) == 0 {
		a.n = make([]types.AttributeValueMemberN, chunk)
	}
	m := &a.n[0]
	a.n = a.n[1:]
	m.Value = v
	return m
}

func (a *arena) B(v []byte) types.AttributeValue {
	if len(a.b) == 0 {
		a.b = make([]types.AttributeValueMemberB, chunk)
	}
	m := &a.b[0]
	a.b = a.b[1:]
	m.Value = v
	return m
}

func (a *arena) BOOL(v bool) types.AttributeValue {
	if len(a.bo) == 0 {
		a.bo = make([]types.AttributeValueMemberBOOL, chunk)
	}
	m := &a.bo[0]
	a.bo = a.bo[1:]
	m.Value = v
	return m
}

func (a *arena) NULL() types.AttributeValue {
	if len(a.nul) == 0 {
		a.nul = make([]types.AttributeValueMemberNULL, chunk)
	}
	m := &a.nul[0]
	a.nul = a.nul[1:]
	m.Value = true
	return m
}

func (a *arena) M(v map[string]types.AttributeValue) types.AttributeValue {
	if len(a.m) == 0 {
		a.m = make([]types.AttributeValueMemberM, chunk)
	}
	m := &a.m[0]
	a.m = a.m[1:]
	m.Value = v
	return m
}

func (a *arena) L(v []types.AttributeValue) types.AttributeValue {
	if len(a.l) == 0 {
		a.l = make([]types.AttributeValueMemberL, chunk)
	}
	m := &a.l[0]
	a.l = a.l[1:]
	m.Value = v
	return m
}

func (a *arena) SS(v []string) types.AttributeValue {
	if len(a.ss) == 0 {
		a.ss = make([]types.AttributeValueMemberSS, chunk)
	}
	m := &a.ss[0]
	a.ss = a.ss[1:]
	m.Value = v
	return m
}

func (a *arena) NS(v []string) types.AttributeValue {
	if len(a.ns) == 0 {
		a.ns = make([]types.AttributeValueMemberNS, chunk)
	}
	m := &a.ns[0]
	a.ns = a.ns[1:]
	m.Value = v
	return m
}

func (a *arena) BS(v [][]byte) types.AttributeValue {
	if len(a.bs) == 0 {
		a.bs = make([]types.AttributeValueMemberBS, chunk)
	}
	m := &a.bs[0]
	a.bs = a.bs[1:]
	m.Value = v
	return m
}

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

func grow[E any](s *[]E, need int) {
	if need > len(*s) {
		*s = make([]E, need)
	}
}

// block is the layout of one allocation that holds an arena and the members a struct type
// always needs: reflect.StructOf{A arena; S [nS]MemberS; N [nN]MemberN; ...}.
type block struct {
	typ reflect.Type
	off [BS + 1]uintptr
	n   counts
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
	fields := []reflect.StructField{{Name: "A", Type: reflect.TypeFor[arena]()}}
	var kinds []Type
	for k := S; k <= BS; k++ {
		if c[k] > 0 {
			fields = append(fields, reflect.StructField{Name: "F" + k.String(), Type: reflect.ArrayOf(int(c[k]), memberTypes[k])})
			kinds = append(kinds, k)
		}
	}
	blk := &block{typ: reflect.StructOf(fields), n: c}
	for i, k := range kinds {
		blk.off[k] = blk.typ.Field(i + 1).Offset
	}
	return blk
}

// arena allocates the block and returns its arena, whose slices point into the block.
func (blk *block) arena() *arena {
	p := reflect.New(blk.typ).UnsafePointer()
	a := (*arena)(p)
	at := func(k Type) unsafe.Pointer { return unsafe.Add(p, blk.off[k]) }
	if n := int(blk.n[S]); n > 0 {
		a.s = unsafe.Slice((*types.AttributeValueMemberS)(at(S)), n)
	}
	if n := int(blk.n[N]); n > 0 {
		a.n = unsafe.Slice((*types.AttributeValueMemberN)(at(N)), n)
	}
	if n := int(blk.n[B]); n > 0 {
		a.b = unsafe.Slice((*types.AttributeValueMemberB)(at(B)), n)
	}
	if n := int(blk.n[BOOL]); n > 0 {
		a.bo = unsafe.Slice((*types.AttributeValueMemberBOOL)(at(BOOL)), n)
	}
	if n := int(blk.n[NULL]); n > 0 {
		a.nul = unsafe.Slice((*types.AttributeValueMemberNULL)(at(NULL)), n)
	}
	if n := int(blk.n[M]); n > 0 {
		a.m = unsafe.Slice((*types.AttributeValueMemberM)(at(M)), n)
	}
	if n := int(blk.n[L]); n > 0 {
		a.l = unsafe.Slice((*types.AttributeValueMemberL)(at(L)), n)
	}
	if n := int(blk.n[SS]); n > 0 {
		a.ss = unsafe.Slice((*types.AttributeValueMemberSS)(at(SS)), n)
	}
	if n := int(blk.n[NS]); n > 0 {
		a.ns = unsafe.Slice((*types.AttributeValueMemberNS)(at(NS)), n)
	}
	if n := int(blk.n[BS]); n > 0 {
		a.bs = unsafe.Slice((*types.AttributeValueMemberBS)(at(BS)), n)
	}
	return a
}
