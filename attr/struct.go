package attr

import (
	"errors"
	"reflect"
	"sync"
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

	blockOnce sync.Once
	blk       *block
}

// fieldPlan is one attribute of a structPlan.
type fieldPlan struct {
	name   string
	embeds []embedStep // embedded pointers to follow before off
	off    uintptr
	c      *codec
	omit   bool // omitempty
	null   bool // nullempty
}

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
	c.sp = sp
	c.static = sp.static
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
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

// newArena allocates the members of one item in one block.
func (sp *structPlan) newArena() *arena {
	sp.blockOnce.Do(func() {
		c := sp.static
		c[M]-- // the item itself is returned as a map, not an M
		sp.blk = newBlock(c)
	})
	return sp.blk.arena()
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

func (sp *structPlan) encode(p unsafe.Pointer, a *arena) (map[string]types.AttributeValue, error) {
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
	m := make(map[string]types.AttributeValue, n)
	for i := range sp.fields {
		f := &sp.fields[i]
		fp := unsafe.Add(p, f.off)
		if f.embeds != nil {
			if fp = f.fieldPointer(p, false); fp == nil {
				if f.null {
					m[f.name] = a.NULL()
				}
				continue
			}
		}
		if (f.omit || f.null) && f.c.empty(fp) {
			if f.null {
				m[f.name] = a.NULL()
			}
			continue
		}
		av, err := f.c.enc(fp, a)
		if err != nil {
			return nil, atKey(err, "marshal", f.name)
		}
		if av == nil {
			if f.null {
				m[f.name] = a.NULL()
			}
			continue
		}
		m[f.name] = av
	}
	// Unknown attributes are written back, but never over a field of the struct.
	for k, av := range unknown {
		if _, known := sp.names[k]; !known && av != nil {
			m[k] = av
		}
	}
	for k, v := range unknownAny {
		if _, known := sp.names[k]; known {
			continue
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

func (sp *structPlan) decode(item map[string]types.AttributeValue, p unsafe.Pointer) error {
	found := 0
	for i := range sp.fields {
		f := &sp.fields[i]
		av, ok := item[f.name]
		if !ok {
			continue
		}
		found++
		fp := unsafe.Add(p, f.off)
		if f.embeds != nil {
			fp = f.fieldPointer(p, true)
		}
		if av == nil {
			return &Error{Op: "unmarshal", Path: f.name, GoType: f.c.t, Err: errors.Join(ErrType, errors.New("nil attribute value"))}
		}
		if err := f.c.dec(av, fp); err != nil {
			return atKey(err, "unmarshal", f.name)
		}
	}
	if sp.unknown == nil {
		return nil
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
