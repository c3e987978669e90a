package attr

import (
	"math"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// structPlan is the compiled form of a struct type: its attributes with their offsets and
// codecs, in field order.
type structPlan struct {
	t       reflect.Type
	fields  []fieldPlan
	names   map[string]struct{} // attribute names, to tell unknown attributes apart
	unknown *fieldPlan          // the field tagged unknown, if any
	static  counts              // members one encoded value always needs, the item map's M included
	scalars bool                // every field is inline (see fieldPlan.inline) and none is unknown

	blockOnce sync.Once
	lay       *layout
}

// fieldPlan is one attribute of a structPlan.
type fieldPlan struct {
	name   string
	embeds []embedStep // embedded pointers to follow before off
	off    uintptr
	c      *codec
	op     op   // c.op, or opGeneric when the field is reached through an embedded pointer
	omit   bool // omitempty
	null   bool // nullempty
	runEnd int  // for an inline field, the index past the run of inline fields it is in
}

// inline reports whether the field is a scalar encoded by encodeInline, not through its codec.
func (f *fieldPlan) inline() bool { return f.op != opGeneric && !f.omit && !f.null }

// embedStep follows an embedded pointer to a struct found at off.
type embedStep struct {
	off uintptr
	t   reflect.Type // the struct type pointed to
}

func (c *codec) buildStruct() error {
	t := c.t
	fields, err := Fields(t)
	if err != nil {
		return err
	}
	sp := &structPlan{t: t, names: make(map[string]struct{}, len(fields))}
	sp.static[M] = 1
	for _, f := range fields {
		fp := fieldPlan{name: f.Name, omit: f.Options.OmitEmpty, null: f.Options.NullEmpty && !f.Options.OmitEmpty}
		// Walk the index to the field's offset, noting embedded pointers.
		st := t
		for i, x := range f.Index {
			sf := st.Field(x)
			fp.off += sf.Offset
			if i < len(f.Index)-1 && sf.Type.Kind() == reflect.Pointer {
				fp.embeds = append(fp.embeds, embedStep{off: fp.off, t: sf.Type.Elem()})
				fp.off = 0
				st = sf.Type.Elem()
				continue
			}
			st = sf.Type
		}
		fc, err := compile(codecKey{f.Type, Options{Time: f.Options.Time, Set: f.Options.Set}})
		if err != nil {
			return atKey(err, "compile", f.Name)
		}
		fp.c = fc
		if fp.embeds == nil {
			fp.op = fc.op
		}
		if f.Options.Unknown {
			u := fp
			sp.unknown = &u
			continue
		}
		sp.names[f.Name] = struct{}{}
		if fp.embeds == nil {
			sp.static.add(&fc.static)
		}
		sp.fields = append(sp.fields, fp)
	}
	sp.scalars = sp.unknown == nil
	for i := len(sp.fields) - 1; i >= 0; i-- {
		f := &sp.fields[i]
		sp.scalars = sp.scalars && f.inline()
		if f.inline() {
			f.runEnd = i + 1
			if i+1 < len(sp.fields) && sp.fields[i+1].inline() {
				f.runEnd = sp.fields[i+1].runEnd
			}
		}
	}
	c.sp = sp
	c.static = sp.static
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		if err := a.nest(t, M); err != nil {
			return nil, err
		}
		defer a.unnest()
		m, err := sp.encode(p, a)
		if err != nil {
			return nil, err
		}
		return a.M(m), nil
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberM:
			return sp.decode(v.Value, p)
		case *types.AttributeValueMemberNULL:
			setZero(t, p)
			return nil
		}
		return mismatch(t, av)
	}
	return nil
}

// layout places the members of one item in one block: first a slot for each top-level field
// whose op is inline (scalars), then what the arena hands to the other fields (nested
// structs, lists, maps), as far as their size is known from the type.
type layout struct {
	blk       *block
	slots     []uintptr // by field: the slot's offset in the block, or noSlot
	skip      counts    // members per type taken by slots, before the arena's share
	needArena bool
}

const noSlot = ^uintptr(0)

func (sp *structPlan) layout() *layout {
	sp.blockOnce.Do(func() {
		lay := &layout{slots: make([]uintptr, len(sp.fields))}
		var slotted, shared counts
		idx := make([]int32, len(sp.fields))
		for i := range sp.fields {
			f := &sp.fields[i]
			if k := f.op.member(); k != Invalid && f.inline() {
				idx[i] = slotted[k]
				slotted[k]++
				continue
			}
			lay.slots[i] = noSlot
			lay.needArena = true
			if f.embeds == nil {
				shared.add(&f.c.static)
			}
		}
		lay.skip = slotted
		total := slotted
		total.add(&shared)
		for i := range sp.fields {
			if lay.slots[i] != noSlot {
				// Filled below, once the block's offsets are known.
				lay.slots[i] = uintptr(idx[i])
			}
		}
		lay.needArena = lay.needArena || sp.unknown != nil
		lay.blk = newBlock(total, 0)
		for i := range sp.fields {
			if lay.slots[i] != noSlot {
				k := sp.fields[i].op.member()
				lay.slots[i] = lay.blk.off[k] + lay.slots[i]*memberTypes[k].Size()
			}
		}
		sp.lay = lay
	})
	return sp.lay
}

// encodeItem encodes the struct at p as an item, with the members of its scalar fields in
// their slots and the rest from an arena over the remainder of the block. Without sp or p (a
// type that encodes itself, a nil pointer) it is c.marshalItem: so it is the whole of
// Codec.Marshal, in one frame.
func (sp *structPlan) encodeItem(c *codec, p unsafe.Pointer) (map[string]types.AttributeValue, error) {
	if sp == nil || p == nil {
		return c.marshalItem(p)
	}
	lay := sp.layout()
	var base unsafe.Pointer
	if lay.blk.typ != nil {
		base = lay.blk.alloc()
	}
	if !lay.needArena { // sp.scalars: one run of inline fields, in this frame
		m := newItem(len(sp.fields))
		if err := sp.encodeInline(m, p, nil, base, lay.slots, 0, len(sp.fields)); err != nil {
			return nil, err
		}
		return m, nil
	}
	a := lay.blk.arena(base, &lay.skip)
	m, err := sp.encodeFields(p, a, base, lay.slots)
	a.release()
	return m, err
}

func (sp *structPlan) encode(p unsafe.Pointer, a *arena) (map[string]types.AttributeValue, error) {
	if sp.scalars { // encodeFields without its branches for codec calls and unknown attributes
		m := newItem(len(sp.fields))
		if err := sp.encodeInline(m, p, a, nil, nil, 0, len(sp.fields)); err != nil {
			return nil, err
		}
		return m, nil
	}
	return sp.encodeFields(p, a, nil, nil)
}

// encodeFields encodes the fields of the struct at p. With a base, fields with a slot write
// their member there; the others take theirs from a.
func (sp *structPlan) encodeFields(p unsafe.Pointer, a *arena, base unsafe.Pointer, slots []uintptr) (map[string]types.AttributeValue, error) {
	n := len(sp.fields)
	var unknown map[string]types.AttributeValue
	var unknownAny map[string]any
	if sp.unknown != nil {
		if fp := sp.unknown.fieldPointer(p, false); fp != nil {
			if sp.unknown.c.t == avMapType {
				unknown = *(*map[string]types.AttributeValue)(fp)
				n += len(unknown)
			} else {
				unknownAny = *(*map[string]any)(fp)
				n += len(unknownAny)
			}
		}
	}
	m := newItem(n)
	for i := 0; i < len(sp.fields); i++ {
		f := &sp.fields[i]
		if f.inline() {
			// A run of inline scalars, in one call.
			if err := sp.encodeInline(m, p, a, base, slots, i, f.runEnd); err != nil {
				return nil, err
			}
			i = f.runEnd - 1
			continue
		}
		if f.embeds == nil && !f.omit && !f.null {
			// f.value's common case, without its call.
			av, err := f.c.enc(unsafe.Add(p, f.off), a)
			if err != nil {
				return nil, atKey(err, "marshal", f.name)
			}
			if av != nil {
				m[f.name] = av
			}
			continue
		}
		if err := f.encodeInto(m, p, a); err != nil {
			return nil, err
		}
	}
	// Unknown attributes are written back, but never over a field of the struct.
	for k, av := range unknown {
		if _, known := sp.names[k]; !known && av != nil {
			if err := checkKeyText(avMapType, k); err != nil {
				return nil, err
			}
			if err := CheckUTF8(av); err != nil {
				return nil, atKey(err, "marshal", k)
			}
			m[k] = av
		}
	}
	for k, v := range unknownAny {
		if _, known := sp.names[k]; known {
			continue
		}
		if err := checkKeyText(sp.unknown.c.t, k); err != nil {
			return nil, err
		}
		av, err := encodeAny(v, Options{}, a)
		if err != nil {
			return nil, atKey(err, "marshal", k)
		}
		if av == nil {
			av = a.NULL()
		}
		m[k] = av
	}
	return m, nil
}

// encodeInline encodes the inline fields i to j-1 (see fieldPlan.inline) of the struct at p
// into m; it is the only place a scalar field is encoded. With a base, each field's member is
// its slot in the block at base, else it comes from a. Its callers run it once per run of
// consecutive inline fields (fieldPlan.runEnd), not once per field: a call per field costs 3%
// of a representative Marshal.
func (sp *structPlan) encodeInline(m map[string]types.AttributeValue, p unsafe.Pointer, a *arena, base unsafe.Pointer, slots []uintptr, i, j int) error {
	for ; i < j; i++ {
		f := &sp.fields[i]
		fp := unsafe.Add(p, f.off)
		var av types.AttributeValue
		switch f.op {
		case opString:
			s := *(*string)(fp)
			if !validText(s) { // checkText, one call fewer
				return atKey(checkText(stringType, S, s), "marshal", f.name)
			}
			var ms *types.AttributeValueMemberS
			if base != nil {
				ms = (*types.AttributeValueMemberS)(unsafe.Add(base, slots[i]))
			} else {
				if len(a.s) == 0 {
					a.refillS()
				}
				ms = a.takeS()
			}
			ms.Value = s
			av = ms
		case opBool:
			var mb *types.AttributeValueMemberBOOL
			if base != nil {
				mb = (*types.AttributeValueMemberBOOL)(unsafe.Add(base, slots[i]))
			} else {
				if len(a.bo) == 0 {
					a.refillBOOL()
				}
				mb = a.takeBOOL()
			}
			mb.Value = *(*bool)(fp)
			av = mb
		default:
			var s string
			switch {
			case f.op == opInt64 && a == nil: // formatOp's common case, without its call
				s = strconv.FormatInt(*(*int64)(fp), 10)
			case f.op == opInt64:
				s = a.formatInt(*(*int64)(fp))
			default:
				var err error
				if s, err = formatOp(f.op, fp, a); err != nil {
					return atKey(err, "marshal", f.name)
				}
			}
			var mn *types.AttributeValueMemberN
			if base != nil {
				mn = (*types.AttributeValueMemberN)(unsafe.Add(base, slots[i]))
			} else {
				if len(a.n) == 0 {
					a.refillN()
				}
				mn = a.takeN()
			}
			mn.Value = s
			av = mn
		}
		m[f.name] = av
	}
	return nil
}

// newItem makes a map for n attributes. Up to the eight of one group a hint changes nothing
// but the cost of the call: make without one is the runtime's shorter path for small maps.
func newItem(n int) map[string]types.AttributeValue {
	if n <= 8 {
		return make(map[string]types.AttributeValue)
	}
	return make(map[string]types.AttributeValue, n)
}

// finite refuses NaN and the infinities, which DynamoDB's numbers cannot hold, as a field of
// an inline float op.
func finite(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return marshalError(reflect.TypeFor[float64](), N, because(ErrRange, "DynamoDB has no NaN or infinity"))
	}
	return nil
}

// formatOp formats the number at p for the N ops, in a's buffer when there is an arena.
func formatOp(o op, p unsafe.Pointer, a *arena) (string, error) {
	var i int64
	switch o {
	case opInt:
		i = int64(*(*int)(p))
	case opInt64:
		i = *(*int64)(p)
	case opInt32:
		i = int64(*(*int32)(p))
	case opTimeMillis:
		i = (*time.Time)(p).UnixMilli()
	case opTimeSeconds:
		i = TimeSeconds.Epoch(*(*time.Time)(p))
	default:
		f := *(*float64)(p)
		if err := finite(f); err != nil {
			return "", err
		}
		if a == nil {
			return strconv.FormatFloat(f, 'g', -1, 64), nil
		}
		return a.formatFloat(f, 64), nil
	}
	if a == nil {
		return strconv.FormatInt(i, 10), nil
	}
	return a.formatInt(i), nil
}

// encodeInto encodes one field of the struct at p into m, applying its empty-value policy.
func (f *fieldPlan) encodeInto(m map[string]types.AttributeValue, p unsafe.Pointer, a *arena) error {
	av, err := f.value(p, a)
	if av != nil {
		m[f.name] = av
	}
	return err
}

// value encodes one field of the struct at p, applying its empty-value policy: nil when the
// attribute is left out of the item.
func (f *fieldPlan) value(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	fp := unsafe.Add(p, f.off)
	if f.embeds != nil {
		if fp = f.fieldPointer(p, false); fp == nil {
			return f.nullOrNothing(a), nil
		}
	}
	if (f.omit || f.null) && f.c.empty(fp) {
		return f.nullOrNothing(a), nil
	}
	av, err := f.c.enc(fp, a)
	if err != nil {
		return nil, atKey(err, "marshal", f.name)
	}
	if av == nil {
		return f.nullOrNothing(a), nil
	}
	return av, nil
}

// nullOrNothing is what an empty or absent field encodes to: NULL under nullempty, else
// nothing.
func (f *fieldPlan) nullOrNothing(a *arena) types.AttributeValue {
	if f.null {
		return a.NULL()
	}
	return nil
}

func (sp *structPlan) decode(item map[string]types.AttributeValue, p unsafe.Pointer) error {
	return sp.decodeItem(nil, item, p)
}

// decodeItem decodes item into the struct at p through sp; without sp or p (a type that
// decodes itself, a nil pointer), through c. It is the whole of Codec.Unmarshal, kept in one
// frame.
func (sp *structPlan) decodeItem(c *codec, item map[string]types.AttributeValue, p unsafe.Pointer) error {
	if sp == nil || p == nil {
		return c.unmarshalItem(item, p)
	}
	for i := range sp.fields {
		f := &sp.fields[i]
		av, ok := item[f.name]
		if !ok {
			continue
		}
		fp := unsafe.Add(p, f.off)
		switch f.op {
		case opString:
			if s, ok := av.(*types.AttributeValueMemberS); ok {
				*(*string)(fp) = s.Value
				continue
			}
		case opInt64:
			if n, ok := av.(*types.AttributeValueMemberN); ok {
				if i, ok := atoi(n.Value); ok {
					*(*int64)(fp) = i
					continue
				}
			}
		case opGeneric:
		default:
			if decodeOp(f.op, av, fp) {
				continue
			}
		}
		if err := f.decode(av, p); err != nil {
			return err
		}
	}
	if sp.unknown != nil {
		return sp.decodeUnknown(item, p)
	}
	return nil
}

// decodeUnknown sets the unknown field of the struct at p to the attributes of item that no
// other field names.
func (sp *structPlan) decodeUnknown(item map[string]types.AttributeValue, p unsafe.Pointer) error {
	found := 0
	for k := range item {
		if _, known := sp.names[k]; known {
			found++
		}
	}
	fp := sp.unknown.fieldPointer(p, true)
	if found == len(item) {
		setZero(sp.unknown.c.t, fp)
		return nil
	}
	if sp.unknown.c.t == avMapType {
		u := make(map[string]types.AttributeValue, len(item)-found)
		for k, av := range item {
			if _, known := sp.names[k]; !known {
				u[k] = av
			}
		}
		*(*map[string]types.AttributeValue)(fp) = u
		return nil
	}
	u := make(map[string]any, len(item)-found)
	for k, av := range item {
		if _, known := sp.names[k]; !known {
			v, err := decodeAny(av)
			if err != nil {
				return atKey(err, "unmarshal", k)
			}
			u[k] = v
		}
	}
	*(*map[string]any)(fp) = u
	return nil
}

// fieldPointer returns the address of the field in the struct at p, or nil when an embedded
// pointer on the way is nil. With alloc, nil embedded pointers are allocated instead.
func (f *fieldPlan) fieldPointer(p unsafe.Pointer, alloc bool) unsafe.Pointer {
	for _, e := range f.embeds {
		pp := (*unsafe.Pointer)(unsafe.Add(p, e.off))
		if *pp == nil {
			if !alloc {
				return nil
			}
			*pp = reflect.New(e.t).UnsafePointer()
		}
		p = *pp
	}
	return unsafe.Add(p, f.off)
}

// decodeOp decodes the common case of an inline op: the attribute has the expected type and
// its text parses. Anything else (NULL, a mismatch, a bad number) returns false and goes
// through the codec's dec, which reports it.
func decodeOp(o op, av types.AttributeValue, p unsafe.Pointer) bool {
	switch o {
	case opString:
		if s, ok := av.(*types.AttributeValueMemberS); ok {
			*(*string)(p) = s.Value
			return true
		}
		return false
	case opBool:
		if b, ok := av.(*types.AttributeValueMemberBOOL); ok {
			*(*bool)(p) = b.Value
			return true
		}
		return false
	}
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok {
		return false
	}
	if o == opFloat64 {
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return false
		}
		*(*float64)(p) = f
		return true
	}
	i, ok := atoi(n.Value)
	if !ok {
		return false
	}
	switch o {
	case opInt:
		if i != int64(int(i)) { // a 32-bit int
			return false
		}
		*(*int)(p) = int(i)
	case opInt64:
		*(*int64)(p) = i
	case opInt32:
		if i != int64(int32(i)) {
			return false
		}
		*(*int32)(p) = int32(i)
	case opTimeMillis:
		*(*time.Time)(p) = time.UnixMilli(i).UTC()
	case opTimeSeconds:
		*(*time.Time)(p) = time.Unix(i, 0).UTC()
	default:
		return false
	}
	return true
}

// atoi parses short decimal integers (up to 18 digits, which cannot overflow an int64)
// faster than strconv.ParseInt; it reports false for anything else.
func atoi(s string) (int64, bool) {
	digits := s
	if len(s) > 0 && s[0] == '-' {
		digits = s[1:]
	}
	if uint(len(digits)-1) >= 18 { // 1 to 18 digits
		return 0, false
	}
	var n int64
	for i := range len(digits) {
		d := digits[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int64(d)
	}
	if len(digits) < len(s) {
		n = -n
	}
	return n, true
}

// decode decodes one attribute into the field of the struct at p, through its codec.
func (f *fieldPlan) decode(av types.AttributeValue, p unsafe.Pointer) error {
	fp := unsafe.Add(p, f.off)
	if f.embeds != nil {
		fp = f.fieldPointer(p, true)
	}
	if av == nil {
		return &Error{Op: "unmarshal", Path: f.name, GoType: f.c.t, Err: because(ErrType, "nil attribute value")}
	}
	if err := f.c.dec(av, fp); err != nil {
		return atKey(err, "unmarshal", f.name)
	}
	return nil
}
