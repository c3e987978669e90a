package schema

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/validate"
)

// Def is the definition of one attribute: its stored name and its settings. Build it with
// [Attr]. A Def is an [Option] of [New] and [For], and the nested attributes of [Map].
type Def struct {
	name     string
	settings []Setting
}

// Attr defines the attribute stored under name, with settings. In a schema built by [New]
// it declares the attribute, and a type setting is needed ([Type], [Date], [Map], [List],
// [Any], [Constant] or [Combine]). In a schema built by [For] it adds settings to the struct
// field stored under name (or with that Go name); a dotted name reaches a nested field
// (address.city, addresses.city for the elements of a list). An Attr naming no field adds an
// attribute that exists only in the stored item: it must have a value of its own (a
// [Constant], a [Combine], a [Default]).
func Attr(name string, settings ...Setting) Def {
	return Def{name: name, settings: settings}
}

func (d Def) apply(c *config) { c.defs = append(c.defs, d) }

// Setting is one setting of an attribute, given to [Attr].
type Setting interface {
	applySetting(*def)
}

type settingFunc func(*def)

func (f settingFunc) applySetting(d *def) { f(d) }

// def collects the settings of one attribute.
type def struct {
	name string

	typ        attr.Type
	typeSet    bool
	anyType    bool
	nullable   bool
	date       bool
	timeFormat attr.TimeFormat
	children   []Def
	hasMap     bool
	elem       []Setting
	hasList    bool
	constant   any
	hasConst   bool
	combine    []string
	separator  string
	hasCombine bool

	template    string // Template's pattern
	hasTemplate bool

	hash, rng, required bool
	indexes             []indexDef

	defValue     any
	hasDefault   bool
	defFunc      func() any
	defType      reflect.Type
	forceDefault bool

	enum  []any
	rules []validate.Rule

	setter     func(v, prev any, hasPrev bool) (any, error)
	setterType reflect.Type
	getter     func(v any) (any, error)
	getterType reflect.Type
	toDynamo   func(v any) (types.AttributeValue, error)
	toType     reflect.Type
	fromDynamo func(av types.AttributeValue) (any, error)
	fromType   reflect.Type

	trim, lower, upper bool
	alias              string

	problems []string
}

func (d *def) problem(format string, args ...any) {
	d.problems = append(d.problems, fmt.Sprintf(format, args...))
}

func (d *def) setType(t attr.Type) {
	if d.typeSet {
		d.problem("more than one type setting")
	}
	d.typ, d.typeSet = t, true
}

// typeOf returns the Go type of V, or nil when V is an interface type (any).
func typeOf[V any]() reflect.Type {
	t := reflect.TypeFor[V]()
	if t.Kind() == reflect.Interface {
		return nil
	}
	return t
}

// Type sets the attribute's DynamoDB type: attr.S, attr.N, attr.B, attr.BOOL, attr.NULL,
// attr.M, attr.L, attr.SS, attr.NS or attr.BS. A map or list declared this way holds anything;
// use [Map] and [List] to give it a schema. In a struct schema the type comes from the field,
// and a Type that disagrees with it is an error. Type(attr.NS) with [Date] declares a set of
// dates ([]time.Time; Type(attr.SS) for the ISO formats), as a []time.Time field tagged set.
func Type(t attr.Type) Setting {
	return settingFunc(func(d *def) {
		if t.IsSet() && d.date && d.typeSet && !d.typ.IsSet() {
			d.typ = t // a set of the dates Date declared
			return
		}
		d.setType(t)
	})
}

// Date makes the attribute a date: a time.Time in Go, stored as epoch milliseconds (N),
// epoch seconds (N, rounded as Dynamoose rounds) or ISO 8601 text (S: UTC with three fraction
// digits, Dynamoose's form; [attr.TimeISOMicros] and [attr.TimeISONanos] keep 6 or 9), as
// Dynamoose's Date with its storage setting. In a struct schema the storage comes from the
// field's tag (millis, seconds, iso, isomicros, isonanos). With Type(attr.NS) (attr.SS for
// the ISO formats) it declares a set of dates, a []time.Time.
func Date(format attr.TimeFormat) Setting {
	return settingFunc(func(d *def) {
		if !d.typeSet || !d.typ.IsSet() || d.date {
			d.setType(format.Type())
		}
		d.date, d.timeFormat = true, format
	})
}

// Any accepts a value of any type (Dynamoose's dynamoose.type.ANY): it is stored as the codec
// encodes it, and nested content is not checked. In a map schema it holds NULL too: a nil
// value under its name is stored as NULL, as with [Nullable]; unlike Nullable, a nil counts as
// absent for [Default] (which replaces it) and [Required] (which refuses it), as Dynamoose
// treats null.
func Any() Setting {
	return settingFunc(func(d *def) {
		d.setType(attr.Invalid)
		d.anyType = true
	})
}

// Nullable lets an attribute of a map schema hold NULL besides its type (Dynamoose's union
// with dynamoose.type.NULL, [String, dynamoose.type.NULL]): a nil value under its name is
// written as NULL, a missing name leaves it absent, and Read gives back nil under its name for
// NULL, so NULL, absent and a value round-trip apart. A nil value counts as present for
// Required and Default. Update's SET of nil stores NULL, and a condition value nil compares
// with NULL. In a struct schema, give the field the type [attr.Nullable] instead.
func Nullable() Setting { return settingFunc(func(d *def) { d.nullable = true }) }

// Map makes the attribute a map (M) whose attributes are defs, each with its own settings.
// Attributes of the map that defs do not name are unknown attributes (see [SaveUnknown]).
func Map(defs ...Def) Setting {
	return settingFunc(func(d *def) {
		d.setType(attr.M)
		d.children, d.hasMap = append([]Def(nil), defs...), true
	})
}

// List makes the attribute a list (L) whose elements have the settings elem: a type, and for
// lists of maps a [Map]. List() with no settings holds elements of any type.
func List(elem ...Setting) Setting {
	return settingFunc(func(d *def) {
		d.setType(attr.L)
		d.elem, d.hasList = append([]Setting(nil), elem...), true
	})
}

// Constant makes the attribute always hold v (dynamoose.type.CONSTANT): an absent value is
// filled with v, and any other value is refused. The stored type is v's.
func Constant(v any) Setting {
	return settingFunc(func(d *def) {
		av, err := attr.Marshal(v)
		if err != nil || av == nil {
			d.problem("constant %v cannot be stored: %v", v, err)
		}
		d.setType(attr.TypeOf(av))
		d.constant, d.hasConst = v, true
	})
}

// Combine makes the attribute a string built from other attributes joined by separator
// (dynamoose.type.COMBINE), such as a sort key "lastname#firstname" for a secondary index.
// Each source is written as it is stored, after its [Setter] and trim/lowercase/uppercase (a
// date in its storage format); absent sources are skipped; the attribute's own transforms
// then run on the result. The value is rebuilt the same way by every write, Update and
// KeyOf, and an update that changes some of the sources but not all is refused.
func Combine(separator string, attributes ...string) Setting {
	return settingFunc(func(d *def) {
		d.setType(attr.S)
		d.combine, d.separator, d.hasCombine = append([]string(nil), attributes...), separator, true
	})
}

// HashKey makes the attribute the table's hash (partition) key. A schema with no HashKey uses
// its first attribute, as Dynamoose does.
func HashKey() Setting { return settingFunc(func(d *def) { d.hash = true }) }

// RangeKey makes the attribute the table's range (sort) key.
func RangeKey() Setting { return settingFunc(func(d *def) { d.rng = true }) }

// Required refuses a write where the attribute is absent. Inside a map or a list element it
// applies only where the parent is present. In a struct, absent means nil for pointers,
// slices, maps and interfaces, and the zero value otherwise: use a pointer field to store a
// zero that counts as present.
func Required() Setting { return settingFunc(func(d *def) { d.required = true }) }

// Default gives the attribute the value v when it is absent on a write. v must have the
// attribute's Go type (or be convertible to it).
func Default(v any) Setting {
	return settingFunc(func(d *def) {
		if d.hasDefault {
			d.problem("more than one default")
		}
		d.defValue, d.hasDefault = v, true
	})
}

// DefaultFunc gives the attribute the result of f when it is absent on a write; f runs on
// every such write (a new ID, the current time).
func DefaultFunc[V any](f func() V) Setting {
	return settingFunc(func(d *def) {
		if d.hasDefault {
			d.problem("more than one default")
		}
		if f == nil {
			d.problem("nil default function")
			return
		}
		d.defFunc, d.defType, d.hasDefault = func() any { return f() }, typeOf[V](), true
	})
}

// ForceDefault applies the default on every write, even over a value the item has.
func ForceDefault() Setting { return settingFunc(func(d *def) { d.forceDefault = true }) }

// Enum refuses values other than values. For a set, each element must be one of them.
// Values must have the attribute's type.
func Enum(values ...any) Setting {
	return settingFunc(func(d *def) { d.enum = append(d.enum, values...) })
}

// Validate adds rules the attribute's value must pass (see package validate): functions,
// regular expressions, exact values, validator tags. Rules run on present values, after the
// set transforms. In a struct schema the field's `validate:"..."` tag is a rule too.
func Validate(rules ...validate.Rule) Setting {
	return settingFunc(func(d *def) { d.rules = append(d.rules, rules...) })
}

// Setter transforms the attribute's value before it is written (Dynamoose's set). f receives
// the new value and the previously stored one when the caller knows it ([Previous]), else nil.
// It runs on present values, after defaults and before trim, lowercase and uppercase.
func Setter[V any](f func(value V, previous *V) (V, error)) Setting {
	return settingFunc(func(d *def) {
		if f == nil {
			d.problem("nil setter")
			return
		}
		d.setterType = typeOf[V]()
		d.setter = func(v, prev any, hasPrev bool) (any, error) {
			x, ok := asNumberOf(v, reflect.TypeFor[V]()).(V)
			if !ok && v != nil {
				return nil, fmt.Errorf("got %T, want %v", v, reflect.TypeFor[V]())
			}
			var p *V
			if hasPrev {
				if pv, ok := prev.(V); ok {
					p = &pv
				}
			}
			return f(x, p)
		}
	})
}

// Getter transforms the attribute's value after it is read (Dynamoose's get). It runs only
// for values present in the stored item.
func Getter[V any](f func(value V) (V, error)) Setting {
	return settingFunc(func(d *def) {
		if f == nil {
			d.problem("nil getter")
			return
		}
		d.getterType = typeOf[V]()
		d.getter = func(v any) (any, error) {
			x, ok := asNumberOf(v, reflect.TypeFor[V]()).(V)
			if !ok && v != nil {
				return nil, fmt.Errorf("got %T, want %v", v, reflect.TypeFor[V]())
			}
			return f(x)
		}
	})
}

// ToDynamo replaces the encoding of the attribute with f (Dynamoose's toDynamo): its result is
// stored as it is, and no type check applies to it. f runs after every other write step.
func ToDynamo[V any](f func(value V) (types.AttributeValue, error)) Setting {
	return settingFunc(func(d *def) {
		if f == nil {
			d.problem("nil toDynamo function")
			return
		}
		d.toType = typeOf[V]()
		d.toDynamo = func(v any) (types.AttributeValue, error) {
			x, ok := v.(V)
			if !ok && v != nil {
				return nil, fmt.Errorf("got %T, want %v", v, reflect.TypeFor[V]())
			}
			return f(x)
		}
	})
}

// FromDynamo replaces the decoding of the attribute with f (Dynamoose's fromDynamo): it
// receives the stored value and returns the Go value, which get transforms then see.
func FromDynamo[V any](f func(av types.AttributeValue) (V, error)) Setting {
	return settingFunc(func(d *def) {
		if f == nil {
			d.problem("nil fromDynamo function")
			return
		}
		d.fromType = typeOf[V]()
		d.fromDynamo = func(av types.AttributeValue) (any, error) { return f(av) }
	})
}

// Trim removes leading and trailing white space from a string (each string of a string set)
// before it is written.
func Trim() Setting { return settingFunc(func(d *def) { d.trim = true }) }

// Lowercase lowercases a string (each string of a string set) before it is written.
func Lowercase() Setting { return settingFunc(func(d *def) { d.lower = true }) }

// Uppercase uppercases a string (each string of a string set) before it is written.
func Uppercase() Setting { return settingFunc(func(d *def) { d.upper = true }) }

// Alias gives the attribute a second, Go-side name: a map item may use it as its key, and
// paths in conditions and updates may use it; the attribute is stored under its own name.
func Alias(name string) Setting { return settingFunc(func(d *def) { d.alias = name }) }

// indexDef is one secondary index declared on an attribute.
type indexDef struct {
	name       string
	local      bool
	rangeKey   string
	hashKeys   []string // further partition attributes of a multi-attribute key (multikey.go)
	rangeKeys  []string // the sort attributes of a multi-attribute key
	projection index.Projection
	throughput *index.Throughput
}

// IndexOption is a setting of [Index].
type IndexOption func(*indexDef)

// Index declares a secondary index on the attribute. By default it is a global index (GSI)
// with the attribute as its hash key, named "<attribute>GlobalIndex", projecting all
// attributes, as in Dynamoose v4. Give Index several times for several indexes.
func Index(opts ...IndexOption) Setting {
	return settingFunc(func(d *def) {
		ix := indexDef{}
		for _, o := range opts {
			if o != nil {
				o(&ix)
			}
		}
		d.indexes = append(d.indexes, ix)
	})
}

// Local makes the index a local secondary index (LSI): the table's hash key with this
// attribute as its range key, named "<attribute>LocalIndex" by default.
func Local() IndexOption { return func(ix *indexDef) { ix.local = true } }

// IndexName names the index.
func IndexName(name string) IndexOption { return func(ix *indexDef) { ix.name = name } }

// IndexRangeKey gives a global index a range key: the attribute stored under name.
func IndexRangeKey(name string) IndexOption { return func(ix *indexDef) { ix.rangeKey = name } }

// KeysOnly projects only the key attributes into the index.
func KeysOnly() IndexOption {
	return func(ix *indexDef) { ix.projection = index.Projection{Type: index.ProjectKeysOnly} }
}

// Project projects the key attributes and the listed ones into the index (INCLUDE).
func Project(attributes ...string) IndexOption {
	return func(ix *indexDef) {
		ix.projection = index.Projection{Type: index.ProjectInclude, Attributes: append([]string(nil), attributes...)}
	}
}

// IndexThroughput gives a global index its own provisioned throughput; without it the index
// has the table's.
func IndexThroughput(read, write int64) IndexOption {
	return func(ix *indexDef) { ix.throughput = &index.Throughput{Read: read, Write: write} }
}
