package index_test

import (
	"fmt"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

func ExampleLayout_Choose_multiAttributeKey() {
	matches := index.Layout{
		Keys: index.KeySchema{Hash: index.Key{Name: "matchId", Type: attr.S}},
		Indexes: []index.Index{{Name: "byRound", Global: true, Keys: index.KeySchema{
			Hash:      index.Key{Name: "tournament", Type: attr.S},
			MoreHash:  []index.Key{{Name: "region", Type: attr.S}},
			Range:     index.Key{Name: "round", Type: attr.N},
			MoreRange: []index.Key{{Name: "bracket", Type: attr.S}},
		}}},
	}
	// tournament = :t AND region = :r AND round = :n AND bracket BETWEEN :a AND :b
	c, _ := matches.Choose(index.Conditions{Equal: []string{"tournament", "region", "round"}, Range: "bracket"})
	fmt.Println(c.Index, c.Keys.HashKeys(), c.Ranges)
	// bracket is given, round is not: the index does not fit.
	_, err := matches.Choose(index.Conditions{Equal: []string{"tournament", "region", "bracket"}})
	fmt.Println(err)
	// Output:
	// byRound [{tournament S} {region S}] [round bracket]
	// index: no index fits a query with = on tournament, region, bracket; tried table: hash key "matchId" is not compared with =; GSI "byRound": sort attribute "bracket" is constrained but "round" before it is not; sort attributes are used in order, from the first, without skipping
}
