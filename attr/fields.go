package attr

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Field is one attribute of a struct type, after embedded structs are flattened.
type Field struct {
	Name    string            // stored attribute name: the tag's name, or the Go field name
	GoName  string            // the Go field name (of the innermost struct, for flattened fields)
	Index   []int             // for reflect.Value.FieldByIndex
	Type    reflect.Type      // the field's Go type
	Kind    Type              // what it encodes to; Invalid when only known at run time (any, custom marshalers)
	Options Options           // from the tag
	Tag     reflect.StructTag // the whole struct tag, for other packages' keys (validate:"...")
}

var fieldsCache sync.Map // reflect.Type -> []Field or error

// Fields returns the attributes of the struct type t (or *t), in the order of the Go fields,
// with embedded structs flattened as encoding/json flattens them. The result is cached per
// type and shared: do not modify it. It reports tag mistakes: unknown options, options that do
// not fit the field's type, and two fields that claim one name at the same depth.
func Fields(t reflect.Type) ([]Field, error) {
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil, &Error{Op: "compile", GoType: t, Err: because(ErrUnsupported, "not a struct")}
	}
	if v, ok := fieldsCache.Load(t); ok {
		if err, isErr := v.(error); isErr {
			return nil, err
		}
		return v.([]Field), nil
	}
	fs, err := typeFields(t)
	if err != nil {
		fieldsCache.Store(t, error(err))
		return nil, err
	}
	v, _ := fieldsCache.LoadOrStore(t, fs)
	return v.([]Field), nil
}

// tagInfo is what a struct tag says.
type tagInfo struct {
	name   string
	skip   bool
	named  bool
	opts   Options
	timeOK bool // a time option was given explicitly
}

// parseTag reads the dynamo tag, or the SDK's dynamodbav tag when there is none. Unknown
// options are errors in the dynamo tag, and ignored in dynamodbav (whose element options have
// no counterpart here).
func parseTag(tag reflect.StructTag) (tagInfo, error) {
	raw, ok := tag.Lookup("dynamo")
	sdk := false
	if !ok {
		raw, ok = tag.Lookup("dynamodbav")
		sdk = ok
	}
	var ti tagInfo
	if !ok {
		return ti, nil
	}
	if raw == "-" {
		ti.skip = true
		return ti, nil
	}
	name, rest, _ := strings.Cut(raw, ",")
	ti.name, ti.named = name, name != ""
	for rest != "" {
		var opt string
		opt, rest, _ = strings.Cut(rest, ",")
		switch opt {
		case "omitempty":
			ti.opts.OmitEmpty = true
		case "nullempty":
			ti.opts.NullEmpty = true
		case "set", "stringset", "numberset", "binaryset":
			ti.opts.Set = true
		case "unknown":
			ti.opts.Unknown = true
		case "millis":
			ti.opts.Time, ti.timeOK = TimeMillis, true
		case "seconds", "unixtime":
			ti.opts.Time, ti.timeOK = TimeSeconds, true
		case "iso":
			ti.opts.Time, ti.timeOK = TimeISO, true
		case "isomicros":
			ti.opts.Time, ti.timeOK = TimeISOMicros, true
		case "isonanos":
			ti.opts.Time, ti.timeOK = TimeISONanos, true
		case "allowempty", "allowemptyelem", "":
			// guregu/dynamo's request to keep empty values: the default here.
		default:
			if !sdk {
				return ti, because(ErrTag, "unknown option "+`"`+opt+`"`)
			}
		}
	}
	return ti, nil
}

// typeFields flattens t's fields, following encoding/json's rules for embedded structs: an
// untagged embedded struct (or pointer to one) lends its fields; among fields with one name, the
// shallowest wins, and at equal depth a tagged one beats untagged ones. Where json silently drops
// both of two equal claims, this reports an error.
func typeFields(t reflect.Type) ([]Field, error) {
	type candidate struct {
		f      Field
		depth  int
		tagged bool
	}
	var cands []candidate
	var errs []error
	type level struct {
		t     reflect.Type
		index []int
	}
	current := []level{{t: t}}
	visited := map[reflect.Type]bool{}
	for depth := 0; len(current) > 0; depth++ {
		var next []level
		// A type met at a shallower depth is not walked again (that also ends embedding
		// cycles); one embedded twice at this depth is walked twice, so its fields conflict.
		for _, lv := range current {
			if visited[lv.t] {
				continue
			}
			for i := 0; i < lv.t.NumField(); i++ {
				sf := lv.t.Field(i)
				ti, err := parseTag(sf.Tag)
				if err != nil {
					errs = append(errs, &Error{Op: "compile", Path: sf.Name, GoType: t, Err: err})
					continue
				}
				if ti.skip {
					continue
				}
				ft := sf.Type
				if sf.Anonymous {
					et := ft
					if et.Kind() == reflect.Pointer {
						et = et.Elem()
					}
					if !sf.IsExported() && (et.Kind() != reflect.Struct || ft.Kind() == reflect.Pointer) {
						continue
					}
					if !ti.named && et.Kind() == reflect.Struct && !hasCustomCodec(et) {
						next = append(next, level{t: et, index: append(slices.Clip(lv.index), i)})
						continue
					}
				}
				if !sf.IsExported() {
					continue
				}
				name := ti.name
				if name == "" {
					name = sf.Name
				}
				f := Field{
					Name:    name,
					GoName:  sf.Name,
					Index:   append(slices.Clip(lv.index), i),
					Type:    ft,
					Options: ti.opts,
					Tag:     sf.Tag,
				}
				if err := checkOptions(f); err != nil {
					errs = append(errs, &Error{Op: "compile", Path: name, GoType: ft, Err: err})
					continue
				}
				f.Kind = kindOf(ft, ti.opts)
				cands = append(cands, candidate{f: f, depth: depth, tagged: ti.named})
			}
		}
		for _, lv := range current {
			visited[lv.t] = true
		}
		current = next
	}
	// Resolve names: keep the dominant candidate for each name.
	byName := map[string][]int{}
	for i, c := range cands {
		byName[c.f.Name] = append(byName[c.f.Name], i)
	}
	var out []Field
	unknowns := 0
	for i, c := range cands {
		group := byName[c.f.Name]
		best, conflict := dominant(group, func(j int) (int, bool) { return cands[j].depth, cands[j].tagged })
		if conflict {
			if group[0] == i {
				errs = append(errs, &Error{Op: "compile", Path: c.f.Name, GoType: t,
					Err: because(ErrTag, "two fields are stored under this name")})
			}
			continue
		}
		if best != i {
			continue
		}
		if c.f.Options.Unknown {
			unknowns++
		}
		out = append(out, c.f)
	}
	if unknowns > 1 {
		errs = append(errs, &Error{Op: "compile", GoType: t, Err: because(ErrTag, "more than one unknown field")})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(out, func(a, b Field) int { return slices.Compare(a.Index, b.Index) })
	return out, nil
}

// dominant picks, among candidates of one name, the shallowest; at equal depth the only tagged
// one. conflict is true when no single candidate wins.
func dominant(group []int, info func(int) (depth int, tagged bool)) (best int, conflict bool) {
	minDepth := -1
	for _, j := range group {
		d, _ := info(j)
		if minDepth < 0 || d < minDepth {
			minDepth = d
		}
	}
	var top, tagged []int
	for _, j := range group {
		d, tg := info(j)
		if d == minDepth {
			top = append(top, j)
			if tg {
				tagged = append(tagged, j)
			}
		}
	}
	switch {
	case len(top) == 1:
		return top[0], false
	case len(tagged) == 1:
		return tagged[0], false
	}
	return -1, true
}

var (
	avType          = reflect.TypeFor[types.AttributeValue]()
	avMapType       = reflect.TypeFor[map[string]types.AttributeValue]()
	anyMapType      = reflect.TypeFor[map[string]any]()
	marshalerType   = reflect.TypeFor[Marshaler]()
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	sdkMarshalType  = reflect.TypeFor[sdkMarshaler]()
	sdkUnmarshType  = reflect.TypeFor[sdkUnmarshaler]()
)

// sdkMarshaler and sdkUnmarshaler have the method sets of aws-sdk-go-v2's
// attributevalue.Marshaler and Unmarshaler, so types written for the SDK keep working
// without this package importing it.
type sdkMarshaler interface {
	MarshalDynamoDBAttributeValue() (types.AttributeValue, error)
}

type sdkUnmarshaler interface {
	UnmarshalDynamoDBAttributeValue(types.AttributeValue) error
}

// hasCustomCodec reports whether t (or *t) encodes or decodes itself (time.Time does, as
// text), so an embedded t is treated as one field rather than flattened.
func hasCustomCodec(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return pt.Implements(marshalerType) || pt.Implements(unmarshalerType) ||
		pt.Implements(sdkMarshalType) || pt.Implements(sdkUnmarshType) ||
		pt.Implements(textMarshalerType) || pt.Implements(textUnmarshalerType)
}

// checkOptions rejects options that cannot apply to the field's type.
func checkOptions(f Field) error {
	o := f.Options
	if o.Unknown && f.Type != avMapType && f.Type != anyMapType {
		return because(ErrTag, "unknown needs map[string]types.AttributeValue or map[string]any")
	}
	if o.Set && !isSetType(f.Type) && setKind(f.Type, o) == Invalid {
		return because(ErrTag, "set needs a slice, array or map of strings, numbers or []byte")
	}
	return nil
}

// setKind is the set type a Go type is stored as with the set option, or Invalid.
func setKind(t reflect.Type, o Options) Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var elem reflect.Type
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && !hasCustomCodec(t.Elem()) {
			return Invalid // []byte is one B value, not a set
		}
		elem = t.Elem()
	case reflect.Map:
		if t.Elem().Kind() != reflect.Bool && !(t.Elem().Kind() == reflect.Struct && t.Elem().NumField() == 0) {
			return Invalid
		}
		elem = t.Key()
	default:
		return Invalid
	}
	switch kindOf(elem, Options{Time: o.Time}) {
	case S:
		return SS
	case N:
		return NS
	case B:
		return BS
	}
	return Invalid
}
