// Package attr owns the attribute type system of Dynamodel (S, N, B, BOOL, NULL, M, L, SS, NS,
// BS; dates stored as epoch milliseconds, epoch seconds or ISO 8601 text; big numbers; any
// values) and the codec between Go values and DynamoDB attribute values, compiled once per Go
// type.
//
// [For] compiles a struct type into a [Codec] whose Marshal and Unmarshal work from field
// offsets without walking the type again; [MarshalItem], [UnmarshalItem], [Marshal],
// [Unmarshal], [MarshalWith] and [UnmarshalWith] use the same compiled codecs for any value.
// Every path (items, keys, condition values, update values) encodes a value with the same
// code, so a time stored as epoch seconds is compared as epoch seconds.
//
// # Struct tags
//
// Tags follow encoding/json's shape:
//
//	Field T `dynamo:"name,option,option"`
//
// The name is the attribute's name; empty means the Go field name. `dynamo:"-"` skips the
// field (`dynamo:"-,"` names it "-"). Unexported fields are skipped. The options:
//
//	omitempty   an empty value (see below) leaves the attribute out
//	nullempty   an empty value is stored as NULL (omitempty wins when both are given)
//	set         a slice, array, map[K]struct{} or map[K]bool is stored as SS, NS or BS
//	millis      a time.Time is stored as epoch milliseconds in N (the default)
//	seconds     ... as epoch seconds in N (also spelled unixtime)
//	iso         ... as ISO 8601 text in S, UTC with 3 fraction digits (Dynamoose's form)
//	isomicros   ... the same with 6 fraction digits; isonanos with 9
//	unknown     on a map[string]types.AttributeValue or map[string]any: collects the
//	            attributes no other field names, and writes them back
//	allowempty  accepted for guregu/dynamo's tags: keeping empty values is the default here
//
// A field without a dynamo tag reads the SDK's dynamodbav tag, so structs written for
// aws-sdk-go-v2's attributevalue package work unchanged: its name, "-", omitempty, nullempty,
// stringset/numberset/binaryset (as set) and unixtime (as seconds) are understood, its other
// options ignored. An unknown option in a dynamo tag is an error ([ErrTag]), as are options
// that do not fit the field's type, two unknown fields, and two fields stored under one name
// at the same depth.
//
// Embedded structs, and pointers to them, are flattened as encoding/json flattens them: their
// fields become the outer struct's attributes, a shallower field wins over a deeper one of the
// same name, and at equal depth a tagged field wins over untagged ones. Where json silently
// drops two equal claims, this package reports the conflict. An embedded struct with a name
// in its tag is one attribute. A nil embedded pointer contributes no attributes; decoding
// allocates it when one of its attributes is present. As in Go (and encoding/json),
// embedding also promotes methods: a struct that embeds time.Time or a [Marshaler] by value
// is encoded by those methods, as a whole.
//
// # Type mapping
//
//	Go type                                      DynamoDB
//	string (and named string types)              S
//	int*, uint*, float32, float64                N
//	Number                                       N, up to 38 digits, as text
//	bool                                         BOOL
//	[]byte, [N]byte                              B
//	time.Time                                    N (epoch milliseconds), or as its tag says
//	*T                                           as T; nil is absent
//	[]T, [N]T                                    L; with set: SS, NS or BS by T
//	map[K]struct{}, map[K]bool with set          SS, NS or BS of the keys (true ones, for bool)
//	StringSet, NumberSet, BinarySet              SS, NS, BS, always
//	map[K]V, K a string or integer kind          M (integer keys in decimal)
//	struct                                       M
//	types.AttributeValue                         itself
//	any and other interfaces                     by the dynamic value
//	Marshaler / Unmarshaler                      what the methods return
//	encoding.TextMarshaler                       S
//
// Decoding into an empty interface gives the natural Go value: S string, N [Number] (so no
// digit is lost), B []byte, BOOL bool, NULL nil, M map[string]any, L []any, SS [StringSet],
// NS [NumberSet], BS [BinarySet]; the set types encode back as sets, so map[string]any
// round-trips exactly. Decoding into an interface that holds a non-nil pointer decodes into
// what it points to.
//
// Text is stored as it is, so it must be valid UTF-8: a string, a map key or a set member
// that is not is refused with [ErrUTF8] and its path (DynamoDB's strings are Unicode, and
// the bytes would be replaced with U+FFFD on the way, making two values one). Bytes belong
// in B: a []byte.
//
// Decoding is strict about types (S never becomes an int) and lenient about forms that hold
// the same value: a slice reads a list or a set, a set field reads a list, an integer reads
// 1E+3 or 7.0 (as DynamoDB may return them) but not 1.5, and NULL sets any field to its zero
// value (a type with its own Unmarshaler receives the NULL itself). Fields whose attributes are absent keep their values: decode into a zero value to get
// exactly the item.
//
// Custom encodings are chosen in this order, on the value or (for addressable values, which
// fields always are) its pointer: Dynamodel's [Marshaler] and [Unmarshaler]; the SDK's
// attributevalue.Marshaler and Unmarshaler, found by their method sets
// (MarshalDynamoDBAttributeValue, UnmarshalDynamoDBAttributeValue), so this package does not
// import the SDK's attributevalue package; encoding.TextMarshaler and TextUnmarshaler (not for
// time.Time, which has its own formats). A type may implement one direction only.
//
// # Empty values
//
// Without options a value is stored as it is: 0, false, "" and empty lists and maps are
// written (DynamoDB accepts empty strings and binaries outside keys). Four things are never
// written, because there is nothing to store or DynamoDB refuses them: nil pointers, nil
// interfaces, nil slices and maps, and empty sets. An empty [Number] is absent too, since ""
// is not a number. Inside lists and maps such values are NULL, so positions and keys hold.
//
// A value is empty when it is false, 0, "", a nil pointer or interface, a slice or map of
// length 0, a zero time.Time, an empty set, or an array or struct whose elements or fields
// are all zero. With
// omitempty an empty value is not written; with nullempty it is written as NULL. Decoding
// NULL gives the zero value, so both round-trip to the same Go value. Both apply to items;
// schema encodes a condition value as given (a condition on "" compares with "").
//
// # Times
//
// A time.Time is stored as epoch milliseconds in N by default, as Dynamoose stores a Date;
// the seconds option stores epoch seconds (what DynamoDB's TTL reads), rounded to the nearest
// second as Dynamoose rounds (halves up: 1600000100.5 s is stored as 1600000101). iso stores
// the text JavaScript's Date.toISOString writes and Dynamoose stores: UTC with exactly three
// fraction digits (2020-02-21T00:57:33.120Z), whatever the time's zone; isomicros and
// isonanos keep 6 or 9 digits. Every text of one format has the same width, so stored texts
// sort as the times they hold (a range key, BETWEEN). The format is per attribute and is the
// same on every path: give the attribute's [Options] to [MarshalWith] for keys, conditions and
// updates. Decoding accepts both forms whatever the format (N as milliseconds, or seconds for
// a seconds attribute; S as RFC 3339 with any fraction and offset), so changing a format does
// not make old items unreadable. Times decoded from N are in UTC. Milliseconds and iso drop
// sub-millisecond precision, seconds round to the second, isonanos keeps everything.
//
// # Sets
//
// DynamoDB sets hold strings (SS), numbers (NS) or binaries (BS), at least one, without
// duplicates. A Go slice stored as a set that holds the same value twice is an error
// ([ErrDuplicate], with the index of the second one), not silently shortened: a slice with
// duplicates is usually a bug, and dropping data quietly is worse. Numbers compare as text,
// as they are formatted ("1" and "1.0" are different texts; DynamoDB would reject them as
// equal). An empty set is not written at all (or written as NULL with nullempty); it
// decodes to nil. Maps used as sets have no order; slices keep theirs as written.
//
// # Unknown attributes
//
// A field of type map[string]types.AttributeValue or map[string]any tagged unknown receives,
// on decode, every attribute no other field names (nil when there is none), and writes them
// back on encode, so a read-modify-write through a struct that does not know every attribute
// loses nothing. The struct's own fields always win over an unknown entry of the same name.
//
// # Errors
//
// Errors are *[Error] values naming the operation, the attribute path (awards[1].year), the
// Go type and the DynamoDB type, and wrapping a sentinel ([ErrType], [ErrRange], [ErrSyntax],
// [ErrDuplicate], [ErrUnsupported], [ErrTag]) or the error a custom marshaler returned:
//
//	attr: unmarshal "awards[1].year": S into int: type mismatch
//
// Problems of a Go type itself (bad tags, a chan field) are reported by [For] and [Fields]
// with the operation "compile", every problem of the type in one error.
//
// # Performance and sharing
//
// Each Go type is compiled once (a plan of field offsets and per-type functions, cached in a
// sync.Map), so encoding and decoding do no reflection for the types the compiler knows. The
// members of one item are allocated in one block; scalar fields write straight into their
// slots; the text of numbers shares a buffer. To stay fast the codec does not copy what is
// safe to share: decoded strings, []byte values and string sets share memory with the item,
// and encoded []byte values and string sets share memory with the Go value. Copy one before
// changing it in place if the other is still in use. docs/performance.md has the figures.
package attr
