package attr

import (
	"math/big"
	"reflect"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Type is a DynamoDB attribute type.
type Type uint8

// The DynamoDB attribute types. Invalid is the zero value: no type, or a type only known at run
// time (an any value, a custom marshaler).
const (
	Invalid Type = iota
	S            // string
	N            // number, as decimal text
	B            // binary
	BOOL         // boolean
	NULL         // null
	M            // map of named attributes
	L            // list of attributes
	SS           // string set
	NS           // number set
	BS           // binary set
)

var typeNames = [...]string{"Invalid", "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}

// String returns the type's name as DynamoDB writes it ("S", "NS", ...), or "Invalid".
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// IsSet reports whether t is one of the set types SS, NS and BS.
func (t Type) IsSet() bool { return t == SS || t == NS || t == BS }

// TypeOf returns the type of an attribute value, or Invalid for nil and unknown members.
func TypeOf(av types.AttributeValue) Type {
	switch av.(type) {
	case *types.AttributeValueMemberS:
		return S
	case *types.AttributeValueMemberN:
		return N
	case *types.AttributeValueMemberB:
		return B
	case *types.AttributeValueMemberBOOL:
		return BOOL
	case *types.AttributeValueMemberNULL:
		return NULL
	case *types.AttributeValueMemberM:
		return M
	case *types.AttributeValueMemberL:
		return L
	case *types.AttributeValueMemberSS:
		return SS
	case *types.AttributeValueMemberNS:
		return NS
	case *types.AttributeValueMemberBS:
		return BS
	}
	return Invalid
}

// KindOf returns the DynamoDB type that values of the Go type t are stored as with the options
// o (a slice with o.Set as a set; a time.Time as N, or S with an ISO format), or Invalid when it is
// only known at run time (an interface, a custom marshaler). Fields reports it per field.
func KindOf(t reflect.Type, o Options) Type { return kindOf(t, o) }

// TimeFormat is how a time.Time is stored. The zero value is TimeMillis.
type TimeFormat uint8

const (
	// TimeMillis stores milliseconds since the Unix epoch as N, as Dynamoose stores a Date.
	// Precision below a millisecond is dropped.
	TimeMillis TimeFormat = iota
	// TimeSeconds stores seconds since the Unix epoch as N, the format DynamoDB's TTL reads,
	// rounded to the nearest second as Dynamoose rounds (see [TimeFormat.Epoch]).
	TimeSeconds
	// TimeISO stores ISO 8601 text in UTC with exactly three fraction digits as S
	// (2020-02-21T00:57:33.120Z), JavaScript's Date.toISOString and so Dynamoose's ISO date.
	// The text has one width and sorts as time. Precision below a millisecond is dropped.
	TimeISO
	// TimeISOMicros is TimeISO with exactly six fraction digits (2020-02-21T00:57:33.120000Z),
	// for times that need microseconds. Dynamoose reads it, but writes three digits.
	TimeISOMicros
	// TimeISONanos is TimeISO with exactly nine fraction digits, keeping a Go time whole.
	TimeISONanos
)

// String returns "millis", "seconds", "iso", "isomicros" or "isonanos", the words of the
// struct tag.
func (f TimeFormat) String() string {
	switch f {
	case TimeMillis:
		return "millis"
	case TimeSeconds:
		return "seconds"
	case TimeISO:
		return "iso"
	case TimeISOMicros:
		return "isomicros"
	case TimeISONanos:
		return "isonanos"
	}
	return "TimeFormat(" + strconv.Itoa(int(f)) + ")"
}

// Number is a number kept as its decimal text, for values that do not fit an int64, a uint64
// or a float64: DynamoDB numbers have up to 38 significant digits. It is encoded as N; the
// empty Number is treated as absent. Decoding N into an any value yields a Number, so no digit
// is lost.
type Number string

// String returns the number's text.
func (n Number) String() string { return string(n) }

// Int64 parses the number as an int64.
func (n Number) Int64() (int64, error) { return strconv.ParseInt(string(n), 10, 64) }

// Uint64 parses the number as a uint64.
func (n Number) Uint64() (uint64, error) { return strconv.ParseUint(string(n), 10, 64) }

// Float64 parses the number as a float64, rounding it to the nearest float64.
func (n Number) Float64() (float64, error) { return strconv.ParseFloat(string(n), 64) }

// BigFloat parses the number as a *big.Float with enough precision for 38 digits.
func (n Number) BigFloat() (*big.Float, error) {
	f, _, err := big.ParseFloat(string(n), 10, 128, big.ToNearestEven)
	return f, err
}

// Valid reports whether n is a decimal number DynamoDB accepts in form: an optional sign,
// digits with an optional fraction, and an optional exponent. (DynamoDB also limits the
// magnitude and the number of significant digits; it checks those itself.)
func (n Number) Valid() bool { return validNumber(string(n)) }

// CanonicalNumber returns the one text every spelling of the decimal number text shares: its
// significant digits without leading or trailing zeros, with a sign and a power of ten when
// needed ("-15e-1" for -1.50, "17e8" for 1.7e+09 and 1700000000, "17" for 17.0, "0" for
// -0.0). DynamoDB answers with its own spelling of the numbers it was sent; two numbers are
// equal when their canonical texts are. Text that is not a decimal number is returned as it is.
func CanonicalNumber(text string) string {
	// The common case: an integer without leading or trailing zeros is its own form.
	digits := strings.TrimPrefix(text, "-")
	if plain := len(digits) > 0 && digits[0] != '0' && digits[len(digits)-1] != '0'; plain {
		for i := 0; i < len(digits); i++ {
			if digits[i] < '0' || digits[i] > '9' {
				plain = false
				break
			}
		}
		if plain {
			return text
		}
	}
	if !validNumber(text) {
		return text
	}
	s := text
	neg := s[0] == '-'
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	mant, expText, _ := strings.Cut(strings.ToLower(s), "e")
	exp := 0
	if expText != "" {
		e, err := strconv.Atoi(expText)
		if err != nil {
			return text
		}
		exp = e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	sig := strings.TrimLeft(whole+frac, "0")
	exp -= len(frac)
	trimmed := strings.TrimRight(sig, "0")
	exp += len(sig) - len(trimmed)
	if trimmed == "" {
		return "0"
	}
	if neg {
		trimmed = "-" + trimmed
	}
	if exp != 0 {
		trimmed += "e" + strconv.Itoa(exp)
	}
	return trimmed
}

func validNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// Marshaler is implemented by Go types that encode themselves. Returning a nil attribute value
// leaves the attribute out of the item.
type Marshaler interface {
	MarshalDynamo() (types.AttributeValue, error)
}

// Unmarshaler is implemented by Go types that decode themselves. It is called with a pointer
// receiver, and also for NULL.
type Unmarshaler interface {
	UnmarshalDynamo(types.AttributeValue) error
}

// Options say how one attribute is encoded. They come from the struct tag (see the package
// documentation) or are passed to MarshalWith and UnmarshalWith. The zero value encodes a
// value as itself: times as epoch milliseconds, slices as lists, empty values kept.
type Options struct {
	Time      TimeFormat // how a time.Time (or *time.Time) is stored
	Set       bool       // a slice, array or map[K]struct{}/map[K]bool is stored as SS, NS or BS
	OmitEmpty bool       // an empty value leaves the attribute out
	NullEmpty bool       // an empty value is stored as NULL (OmitEmpty wins when both are set)
	Unknown   bool       // the field collects the attributes that no other field names
}

// StringSet, NumberSet and BinarySet are slices that are always stored as the sets SS, NS and
// BS, with or without the set option. Decoding a set into an any value yields one of them, so
// a set read into map[string]any (an unknown field, say) is written back as a set.
type (
	StringSet []string
	NumberSet []Number
	BinarySet [][]byte
)

func isSetType(t reflect.Type) bool {
	return t == stringSetType || t == numberSetType || t == binarySetType
}
