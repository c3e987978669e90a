package attr_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// writeAV writes av in a JSON-like form: {"S":"x"}, {"M":{...}} with keys sorted.
func writeAV(sb *strings.Builder, av types.AttributeValue) {
	switch v := av.(type) {
	case nil:
		sb.WriteString("<absent>")
	case *types.AttributeValueMemberS:
		fmt.Fprintf(sb, "{S:%q}", v.Value)
	case *types.AttributeValueMemberN:
		fmt.Fprintf(sb, "{N:%s}", v.Value)
	case *types.AttributeValueMemberB:
		fmt.Fprintf(sb, "{B:%x}", v.Value)
	case *types.AttributeValueMemberBOOL:
		fmt.Fprintf(sb, "{BOOL:%t}", v.Value)
	case *types.AttributeValueMemberNULL:
		sb.WriteString("{NULL}")
	case *types.AttributeValueMemberSS:
		fmt.Fprintf(sb, "{SS:%q}", v.Value)
	case *types.AttributeValueMemberNS:
		fmt.Fprintf(sb, "{NS:%v}", v.Value)
	case *types.AttributeValueMemberBS:
		fmt.Fprintf(sb, "{BS:%x}", v.Value)
	case *types.AttributeValueMemberL:
		sb.WriteString("{L:[")
		for i, e := range v.Value {
			if i > 0 {
				sb.WriteString(" ")
			}
			writeAV(sb, e)
		}
		sb.WriteString("]}")
	case *types.AttributeValueMemberM:
		sb.WriteString("{M:")
		writeItem(sb, v.Value)
		sb.WriteString("}")
	default:
		fmt.Fprintf(sb, "%T", av)
	}
}

func writeItem(sb *strings.Builder, it map[string]types.AttributeValue) {
	sb.WriteString("{")
	for i, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range it {
			if !yield(k) {
				return
			}
		}
	}) {
		if i > 0 {
			sb.WriteString(" ")
		}
		fmt.Fprintf(sb, "%s:", k)
		writeAV(sb, it[k])
	}
	sb.WriteString("}")
}

func showItem(it map[string]types.AttributeValue) string {
	var sb strings.Builder
	writeItem(&sb, it)
	return sb.String()
}
