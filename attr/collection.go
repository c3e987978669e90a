package attr

import (
	"bytes"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// buildList compiles a slice or an array stored as L. A nil slice is absent; an empty one is
// an empty list. Elements that encode to nothing (a nil pointer) are NULL, so positions hold.
func (c *codec) buildList(o Options) error {
	t := c.t
	et := t.Elem()
	elem, err := compile(codecKey{et, Options{Time: o.Time}})
	if err != nil {
		return err
	}
	esz := et.Size()
	isArray := t.Kind() == reflect.Array
	c.static[L] = 1
	// elems returns the list's elements and their number; ok is false for a nil slice.
	elems := func(p unsafe.Pointer) (data unsafe.Pointer, n int, ok bool) {
		if isArray {
			return p, t.Len(), true
		}
		h := (*sliceHeader)(p)
		return h.data, h.len, h.data != nil
	}
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		data, n, ok := elems(p)
		if !ok {
			return nil, nil
		}
		if err := a.nest(t, L); err != nil {
			return nil, err
		}
		defer a.unnest()
		outer, list := a.collectList(elem, n)
		if sp := elem.sp; sp != nil && !elem.customEnc && n > 0 {
			// Structs, the common element: elem.enc's work without its call per element.
			if err := encodeStructs(sp, et, data, esz, list, a); err != nil {
				return nil, err
			}
			a.members = outer
			return a.L(list), nil
		}
		for i := range n {
			av, err := elem.enc(unsafe.Add(data, uintptr(i)*esz), a)
			if err != nil {
				return nil, atIndex(err, "marshal", i)
			}
			if av == nil {
				av = a.NULL()
			}
			list[i] = av
		}
		a.members = outer
		return a.L(list), nil
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberL:
			data, err := listTarget(t, p, len(v.Value))
			if err != nil {
				return err
			}
			for i, e := range v.Value {
				if e == nil {
					return atIndex(mismatch(et, nil), "unmarshal", i)
				}
				if err := elem.dec(e, unsafe.Add(data, uintptr(i)*esz)); err != nil {
					return atIndex(err, "unmarshal", i)
				}
			}
			return nil
		case *types.AttributeValueMemberSS, *types.AttributeValueMemberNS, *types.AttributeValueMemberBS:
			return decodeSetInto(t, elem, v, p)
		case *types.AttributeValueMemberNULL:
			setZero(t, p)
			return nil
		}
		return mismatch(t, av)
	}
	return nil
}

// encodeStructs encodes the structs of the plan sp (of type t) at data, esz bytes apart, into
// list, as elem.enc would one by one.
func encodeStructs(sp *structPlan, t reflect.Type, data unsafe.Pointer, esz uintptr, list []types.AttributeValue, a *arena) error {
	if err := a.nest(t, M); err != nil {
		return atIndex(err, "marshal", 0)
	}
	for i := range list {
		m, err := sp.encode(unsafe.Add(data, uintptr(i)*esz), a)
		if err != nil {
			a.unnest()
			return atIndex(err, "marshal", i)
		}
		if len(a.m) == 0 {
			a.refillM()
		}
		mm := a.takeM()
		mm.Value = m
		list[i] = mm
	}
	a.unnest()
	return nil
}

// listTarget prepares the slice or array at p for n decoded elements and returns the address
// of its first element. A slice gets a new backing array; an array's remaining elements are
// zeroed.
func listTarget(t reflect.Type, p unsafe.Pointer, n int) (unsafe.Pointer, error) {
	if t.Kind() == reflect.Array {
		if n > t.Len() {
			return nil, unmarshalError(t, L, because(ErrRange, strconv.Itoa(n)+" elements for "+strconv.Itoa(t.Len())))
		}
		setZero(t, p)
		return p, nil
	}
	s := reflect.MakeSlice(t, n, n)
	h := (*sliceHeader)(p)
	h.data, h.len, h.cap = s.UnsafePointer(), n, n
	return h.data, nil
}

// decodeSetInto decodes a set attribute into a slice or array, one element at a time.
func decodeSetInto(t reflect.Type, elem *codec, av types.AttributeValue, p unsafe.Pointer) error {
	et := t.Elem()
	switch v := av.(type) {
	case *types.AttributeValueMemberSS:
		if t.Kind() == reflect.Slice && et.Kind() == reflect.String && elem.kind == S && !reflect.PointerTo(et).Implements(unmarshalerType) && !reflect.PointerTo(et).Implements(sdkUnmarshType) && !reflect.PointerTo(et).Implements(textUnmarshalerType) {
			*(*[]string)(p) = v.Value // strings are immutable: share the set's slice
			return nil
		}
		tmp := &types.AttributeValueMemberS{}
		return decodeEach(t, elem, p, len(v.Value), func(i int) types.AttributeValue { tmp.Value = v.Value[i]; return tmp })
	case *types.AttributeValueMemberNS:
		tmp := &types.AttributeValueMemberN{}
		return decodeEach(t, elem, p, len(v.Value), func(i int) types.AttributeValue { tmp.Value = v.Value[i]; return tmp })
	case *types.AttributeValueMemberBS:
		tmp := &types.AttributeValueMemberB{}
		return decodeEach(t, elem, p, len(v.Value), func(i int) types.AttributeValue { tmp.Value = v.Value[i]; return tmp })
	}
	return mismatch(t, av)
}

func decodeEach(t reflect.Type, elem *codec, p unsafe.Pointer, n int, at func(int) types.AttributeValue) error {
	data, err := listTarget(t, p, n)
	if err != nil {
		return err
	}
	esz := t.Elem().Size()
	for i := range n {
		if err := elem.dec(at(i), unsafe.Add(data, uintptr(i)*esz)); err != nil {
			return atIndex(err, "unmarshal", i)
		}
	}
	return nil
}

// buildSet compiles a slice, an array, or a map[K]struct{} / map[K]bool (its keys, for bool
// the true ones) stored as SS, NS or BS. An empty set is absent: DynamoDB stores no empty
// sets. A slice with the same value twice is an error, not silently shortened.
func (c *codec) buildSet(o Options) error {
	t := c.t
	kind := setKind(t, o)
	c.kind = kind
	c.static[kind] = 1
	isMap := t.Kind() == reflect.Map
	var et reflect.Type
	if isMap {
		et = t.Key()
	} else {
		et = t.Elem()
	}
	elem, err := compile(codecKey{et, Options{Time: o.Time}})
	if err != nil {
		return err
	}
	var list *codec // decodes an L into the same slice
	if !isMap {
		if list, err = compile(codecKey{t, Options{Time: o.Time}}); err != nil {
			return err
		}
	}
	esz := et.Size()
	// Numbers encoded from Go integers are in canonical form; others (attr.Number, floats,
	// custom encodings) may spell one value twice (1 and 1.0), which DynamoDB refuses.
	numbersByValue := kind == NS && !(et.Kind() >= reflect.Int && et.Kind() <= reflect.Uintptr)
	plainStrings := !isMap && t.Kind() == reflect.Slice && et.Kind() == reflect.String && elem.kind == S &&
		!reflect.PointerTo(et).Implements(marshalerType) && !reflect.PointerTo(et).Implements(sdkMarshalType) &&
		!reflect.PointerTo(et).Implements(textMarshalerType)
	// each calls fn with the address of every member (a copy, for map keys).
	each := func(p unsafe.Pointer, fn func(i int, ep unsafe.Pointer) error) (int, error) {
		if isMap {
			mv := reflect.NewAt(t, p).Elem()
			key := reflect.New(et)
			i := 0
			for it := mv.MapRange(); it.Next(); {
				if t.Elem().Kind() == reflect.Bool && !it.Value().Bool() {
					continue
				}
				key.Elem().SetIterKey(it)
				if err := fn(i, key.UnsafePointer()); err != nil {
					return i, err
				}
				i++
			}
			return i, nil
		}
		data, n := p, 0
		if t.Kind() == reflect.Array {
			n = t.Len()
		} else {
			h := (*sliceHeader)(p)
			data, n = h.data, h.len
		}
		for i := range n {
			if err := fn(i, unsafe.Add(data, uintptr(i)*esz)); err != nil {
				return i, err
			}
		}
		return n, nil
	}
	size := func(p unsafe.Pointer) int {
		if isMap || t.Kind() == reflect.Array {
			return reflect.NewAt(t, p).Elem().Len()
		}
		return (*sliceHeader)(p).len
	}
	c.empty = func(p unsafe.Pointer) bool { return size(p) == 0 }
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		n := size(p)
		if n == 0 {
			return nil, nil
		}
		if plainStrings {
			ss := *(*[]string)(p)
			for i, s := range ss {
				if !validText(s) { // checkText, one call fewer
					return nil, atIndex(checkText(t, SS, s), "marshal", i)
				}
			}
			if i, j := duplicate(ss); i >= 0 {
				return nil, atIndex(marshalError(t, SS, dupError(ss[i], i)), "marshal", j)
			}
			return a.SS(ss), nil
		}
		var strs []string
		var bins [][]byte
		if kind == BS {
			bins = make([][]byte, 0, n)
		} else {
			strs = make([]string, 0, n)
		}
		var tmp arena
		_, err := each(p, func(i int, ep unsafe.Pointer) error {
			av, err := elem.enc(ep, &tmp)
			if err != nil {
				return atIndex(err, "marshal", i)
			}
			switch v := av.(type) {
			case *types.AttributeValueMemberS:
				if kind == SS {
					strs = append(strs, v.Value)
					return nil
				}
			case *types.AttributeValueMemberN:
				if kind == NS {
					strs = append(strs, v.Value)
					return nil
				}
			case *types.AttributeValueMemberB:
				if kind == BS {
					bins = append(bins, v.Value)
					return nil
				}
			}
			return atIndex(marshalError(et, kind, because(ErrType, "set member encodes as "+TypeOf(av).String())), "marshal", i)
		})
		if err != nil {
			return nil, err
		}
		switch kind {
		case BS:
			if i, j := duplicateBytes(bins); i >= 0 {
				return nil, atIndex(marshalError(t, BS, dupError(string(bins[i]), i)), "marshal", j)
			}
			return a.BS(bins), nil
		case NS:
			if i, j := duplicate(strs); i >= 0 {
				return nil, atIndex(marshalError(t, NS, dupError(strs[i], i)), "marshal", j)
			}
			if numbersByValue {
				if i, j := duplicateNumbers(strs); i >= 0 {
					return nil, atIndex(marshalError(t, NS, because(ErrDuplicate, strconv.Quote(strs[j])+" is the number "+
						strconv.Quote(strs[i])+" at index "+strconv.Itoa(i))), "marshal", j)
				}
			}
			return a.NS(strs), nil
		}
		if i, j := duplicate(strs); i >= 0 {
			return nil, atIndex(marshalError(t, SS, dupError(strs[i], i)), "marshal", j)
		}
		return a.SS(strs), nil
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		if _, null := av.(*types.AttributeValueMemberNULL); null {
			setZero(t, p)
			return nil
		}
		if !isMap {
			if l, ok := av.(*types.AttributeValueMemberL); ok {
				return list.dec(l, p)
			}
			return decodeSetInto(t, elem, av, p)
		}
		return decodeSetMap(t, elem, av, p)
	}
	return nil
}

func dupError(v string, first int) error {
	return because(ErrDuplicate, strconv.Quote(v)+" is also at index "+strconv.Itoa(first))
}

// duplicate returns the indexes of the first repeated value, or -1, -1.
func duplicate(ss []string) (first, again int) {
	if len(ss) <= 16 {
		for j := 1; j < len(ss); j++ {
			for i := range j {
				if ss[i] == ss[j] {
					return i, j
				}
			}
		}
		return -1, -1
	}
	seen := make(map[string]int, len(ss))
	for j, s := range ss {
		if i, ok := seen[s]; ok {
			return i, j
		}
		seen[s] = j
	}
	return -1, -1
}

// duplicateNumbers returns the indexes of the first number whose value is repeated in
// another spelling (1, 1.0, 01, 1e0, -0 and 0), or -1, -1.
func duplicateNumbers(ns []string) (first, again int) {
	keys := make([]string, len(ns))
	for i, n := range ns {
		keys[i] = CanonicalNumber(n)
	}
	return duplicate(keys)
}

func duplicateBytes(bs [][]byte) (first, again int) {
	if len(bs) <= 16 {
		for j := 1; j < len(bs); j++ {
			for i := range j {
				if bytes.Equal(bs[i], bs[j]) {
					return i, j
				}
			}
		}
		return -1, -1
	}
	seen := make(map[string]int, len(bs))
	for j, b := range bs {
		if i, ok := seen[string(b)]; ok {
			return i, j
		}
		seen[string(b)] = j
	}
	return -1, -1
}

// decodeSetMap decodes a set (or a list) into a map[K]struct{} or map[K]bool.
func decodeSetMap(t reflect.Type, elem *codec, av types.AttributeValue, p unsafe.Pointer) error {
	var members []types.AttributeValue
	switch v := av.(type) {
	case *types.AttributeValueMemberSS:
		for _, s := range v.Value {
			members = append(members, &types.AttributeValueMemberS{Value: s})
		}
	case *types.AttributeValueMemberNS:
		for _, s := range v.Value {
			members = append(members, &types.AttributeValueMemberN{Value: s})
		}
	case *types.AttributeValueMemberBS:
		for _, b := range v.Value {
			members = append(members, &types.AttributeValueMemberB{Value: b})
		}
	case *types.AttributeValueMemberL:
		members = v.Value
	default:
		return mismatch(t, av)
	}
	mv := reflect.MakeMapWithSize(t, len(members))
	key := reflect.New(t.Key())
	val := reflect.New(t.Elem()).Elem()
	if t.Elem().Kind() == reflect.Bool {
		val.SetBool(true)
	}
	for i, m := range members {
		key.Elem().SetZero()
		if err := elem.dec(m, key.UnsafePointer()); err != nil {
			return atIndex(err, "unmarshal", i)
		}
		mv.SetMapIndex(key.Elem(), val)
	}
	reflect.NewAt(t, p).Elem().Set(mv)
	return nil
}

// buildMap compiles a map with string or integer keys, stored as M. A nil map is absent; a
// value that encodes to nothing is NULL.
func (c *codec) buildMap(o Options) error {
	t := c.t
	kt, et := t.Key(), t.Elem()
	switch kt.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return &Error{Op: "compile", GoType: t, DynamoType: M, Err: because(ErrUnsupported, "map keys must be strings or integers")}
	}
	elem, err := compile(codecKey{et, Options{Time: o.Time}})
	if err != nil {
		return err
	}
	c.static[M] = 1
	c.empty = func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Len() == 0 }
	if t == reflect.TypeFor[map[string]string]() {
		c.enc = encStringMap
		c.dec = decStringMap(t)
		return nil
	}
	keyString := func(k reflect.Value) string {
		switch {
		case k.CanInt():
			return strconv.FormatInt(k.Int(), 10)
		case k.CanUint():
			return strconv.FormatUint(k.Uint(), 10)
		}
		return k.String()
	}
	c.enc = func(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
		mv := reflect.NewAt(t, p).Elem()
		if mv.IsNil() {
			return nil, nil
		}
		if err := a.nest(t, M); err != nil {
			return nil, err
		}
		defer a.unnest()
		outer := a.collect(elem, mv.Len())
		m := make(map[string]types.AttributeValue, mv.Len())
		val := reflect.New(et)
		for it := mv.MapRange(); it.Next(); {
			k := keyString(it.Key())
			if err := checkKeyText(t, k); err != nil {
				return nil, err
			}
			val.Elem().SetIterValue(it)
			av, err := elem.enc(val.UnsafePointer(), a)
			if err != nil {
				return nil, atKey(err, "marshal", k)
			}
			if av == nil {
				av = a.NULL()
			}
			m[k] = av
		}
		a.members = outer
		return a.M(m), nil
	}
	c.dec = func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberM:
			mv := reflect.MakeMapWithSize(t, len(v.Value))
			key := reflect.New(kt).Elem()
			val := reflect.New(et)
			for k, e := range v.Value {
				switch {
				case key.CanInt():
					n, err := strconv.ParseInt(k, 10, kt.Bits())
					if err != nil {
						return &Error{Op: "unmarshal", Path: k, GoType: kt, DynamoType: M, Err: numError(err, k)}
					}
					key.SetInt(n)
				case key.CanUint():
					n, err := strconv.ParseUint(k, 10, kt.Bits())
					if err != nil {
						return &Error{Op: "unmarshal", Path: k, GoType: kt, DynamoType: M, Err: numError(err, k)}
					}
					key.SetUint(n)
				default:
					key.SetString(k)
				}
				val.Elem().SetZero()
				if e == nil {
					return atKey(mismatch(et, nil), "unmarshal", k)
				}
				if err := elem.dec(e, val.UnsafePointer()); err != nil {
					return atKey(err, "unmarshal", k)
				}
				mv.SetMapIndex(key, val.Elem())
			}
			reflect.NewAt(t, p).Elem().Set(mv)
			return nil
		case *types.AttributeValueMemberNULL:
			setZero(t, p)
			return nil
		}
		return mismatch(t, av)
	}
	return nil
}

func encStringMap(p unsafe.Pointer, a *arena) (types.AttributeValue, error) {
	sm := *(*map[string]string)(p)
	if sm == nil {
		return nil, nil
	}
	// The values' members are the map's own, as a collection's are (see arena.collect).
	ms := make([]types.AttributeValueMemberS, len(sm))
	m := make(map[string]types.AttributeValue, len(sm))
	i := 0
	for k, v := range sm {
		if !validText(k) || !validText(v) { // checkStringEntry, two calls fewer
			return nil, checkStringEntry(k, v)
		}
		ms[i].Value = v
		m[k] = &ms[i]
		i++
	}
	return a.M(m), nil
}

func decStringMap(t reflect.Type) decFunc {
	return func(av types.AttributeValue, p unsafe.Pointer) error {
		switch v := av.(type) {
		case *types.AttributeValueMemberM:
			sm := make(map[string]string, len(v.Value))
			for k, e := range v.Value {
				s, ok := e.(*types.AttributeValueMemberS)
				if _, null := e.(*types.AttributeValueMemberNULL); null {
					sm[k] = ""
					continue
				}
				if !ok {
					return atKey(mismatch(reflect.TypeFor[string](), e), "unmarshal", k)
				}
				sm[k] = s.Value
			}
			*(*map[string]string)(p) = sm
			return nil
		case *types.AttributeValueMemberNULL:
			*(*map[string]string)(p) = nil
			return nil
		}
		return mismatch(t, av)
	}
}
