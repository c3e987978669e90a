package index

import (
	"errors"
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

// The cases of Dynamoose's test/utils/find_best_index.js: which of the table and its indexes
// a query uses, given the comparison each attribute is constrained by ("EQ" or "GE").
// Dynamoose's rule — among the indexes whose hash key is compared with EQ, the first whose
// range key is constrained, else the table, else the first — and Dynamodel's — the most key
// attributes used wins, ties going to the table, then to the index declared first — choose
// the same in every case. Dynamoose's {"tableIndex": false, "indexName": null} (nothing
// fits) is ErrNoIndex. A layout of Dynamoose's test without a TableIndex has a table key no
// condition names.
func TestDynamooseFindBestIndex(t *testing.T) {
	k := func(hash, rng string) KeySchema {
		ks := KeySchema{Hash: Key{Name: hash, Type: attr.S}}
		if rng != "" {
			ks.Range = Key{Name: rng, Type: attr.S}
		}
		return ks
	}
	gsi := func(name, hash, rng string) Index {
		return Index{Name: name, Global: true, Keys: k(hash, rng), Projection: Projection{Type: ProjectAll}}
	}
	lsi := func(name, hash, rng string) Index {
		return Index{Name: name, Keys: k(hash, rng), Projection: Projection{Type: ProjectAll}}
	}
	oneGSI := Layout{Keys: k("tableHashKey", ""), Indexes: []Index{gsi("MyGSI1", "attr1", "")}}
	multiGSI := Layout{Keys: k("tableHashKey", "tableRangeKey"), Indexes: []Index{
		gsi("MyGSI1", "attr1", ""), gsi("MyGSI2", "attr1", "attr2"), gsi("MyGSI3", "attr1", "attr3"),
		gsi("MyGSI4", "attr2", ""), gsi("MyGSI5", "attr3", ""),
	}}
	gsiAndLSI := Layout{Keys: k("tableHashKey", ""), Indexes: []Index{gsi("MyGSI1", "attr2", ""), lsi("MyLSI1", "attr1", "attr2")}}
	multi := Layout{Keys: k("noTableIndex", ""), Indexes: []Index{
		gsi("MyGSI1", "attr2", ""), gsi("MyGSI2", "attr2", "attr3"),
		lsi("MyLSI1", "attr1", "attr2"), lsi("MyLSI2", "attr1", "attr3"),
	}}
	const table, none = "(table)", "(none)"
	tests := []struct {
		name   string
		layout Layout
		chart  map[string]string // attribute -> "EQ" or "GE"
		want   string            // index name, table or none
	}{
		{"one GSI/attr1 EQ", oneGSI, map[string]string{"attr1": "EQ"}, "MyGSI1"},
		{"one GSI/attr1 GE", oneGSI, map[string]string{"attr1": "GE"}, none},
		{"one GSI/attr2 EQ", oneGSI, map[string]string{"attr2": "EQ"}, none},
		{"one GSI/attr1 EQ, tableHashKey EQ", oneGSI, map[string]string{"attr1": "EQ", "tableHashKey": "EQ"}, table},
		{"one GSI/attr2 EQ, tableHashKey EQ", oneGSI, map[string]string{"attr2": "EQ", "tableHashKey": "EQ"}, table},
		{"one GSI/attr2 EQ, tableHashKey GE", oneGSI, map[string]string{"attr2": "EQ", "tableHashKey": "GE"}, none},
		{"multiple GSI/attr1 EQ", multiGSI, map[string]string{"attr1": "EQ"}, "MyGSI1"},
		{"multiple GSI/attr1 EQ, attr2 GE", multiGSI, map[string]string{"attr1": "EQ", "attr2": "GE"}, "MyGSI2"},
		{"multiple GSI/attr1 EQ, attr3 GE", multiGSI, map[string]string{"attr1": "EQ", "attr3": "GE"}, "MyGSI3"},
		{"multiple GSI/attr1 EQ, attr2 GE, attr3 GE", multiGSI, map[string]string{"attr1": "EQ", "attr2": "GE", "attr3": "GE"}, "MyGSI2"},
		{"multiple GSI/attr2 EQ", multiGSI, map[string]string{"attr2": "EQ"}, "MyGSI4"},
		{"multiple GSI/attr2 EQ, attr3 GE", multiGSI, map[string]string{"attr2": "EQ", "attr3": "GE"}, "MyGSI4"},
		{"multiple GSI/attr2 GE, attr3 EQ", multiGSI, map[string]string{"attr2": "GE", "attr3": "EQ"}, "MyGSI5"},
		{"multiple GSI/attr3 EQ", multiGSI, map[string]string{"attr3": "EQ"}, "MyGSI5"},
		{"multiple GSI/attr1 GE", multiGSI, map[string]string{"attr1": "GE"}, none},
		{"multiple GSI/attr1 GE, tableHashKey EQ", multiGSI, map[string]string{"attr1": "GE", "tableHashKey": "EQ"}, table},
		{"multiple GSI/attr1 GE, tableHashKey GE", multiGSI, map[string]string{"attr1": "GE", "tableHashKey": "GE"}, none},
		{"multiple GSI/attr1 GE, attr2 GE", multiGSI, map[string]string{"attr1": "GE", "attr2": "GE"}, none},
		{"multiple GSI/attr2 GE", multiGSI, map[string]string{"attr2": "GE"}, none},
		{"multiple GSI/attr3 GE", multiGSI, map[string]string{"attr3": "GE"}, none},
		{"one GSI and one LSI/attr2 EQ", gsiAndLSI, map[string]string{"attr2": "EQ"}, "MyGSI1"},
		{"one GSI and one LSI/attr1 EQ, attr2 GE", gsiAndLSI, map[string]string{"attr1": "EQ", "attr2": "GE"}, "MyLSI1"},
		{"multiple GSI and LSI/attr2 EQ", multi, map[string]string{"attr2": "EQ"}, "MyGSI1"},
		{"multiple GSI and LSI/attr2 EQ, attr4 EQ", multi, map[string]string{"attr2": "EQ", "attr4": "EQ"}, "MyGSI1"},
		{"multiple GSI and LSI/attr2 EQ, attr3 GE", multi, map[string]string{"attr2": "EQ", "attr3": "GE"}, "MyGSI2"},
		{"multiple GSI and LSI/attr1 EQ, attr2 GE", multi, map[string]string{"attr1": "EQ", "attr2": "GE"}, "MyLSI1"},
		{"multiple GSI and LSI/attr1 EQ, attr3 GE", multi, map[string]string{"attr1": "EQ", "attr3": "GE"}, "MyLSI2"},
		{"multiple GSI and LSI/attr3 EQ", multi, map[string]string{"attr3": "EQ"}, none},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Conditions
			for _, a := range []string{"tableHashKey", "attr1", "attr2", "attr3", "attr4"} {
				switch tt.chart[a] {
				case "EQ":
					c.Equal = append(c.Equal, a)
				case "GE":
					if c.Range == "" {
						c.Range = a
					} else {
						c.MoreRanges = append(c.MoreRanges, a)
					}
				}
			}
			ch, err := tt.layout.Choose(c)
			got := ch.Index
			switch {
			case errors.Is(err, ErrNoIndex):
				got = none
			case err != nil:
				t.Fatalf("Choose(%v) = %v", c, err)
			case got == "":
				got = table
			}
			if got != tt.want {
				t.Errorf("Choose(%v) = %s; want %s (%v)", c, got, tt.want, err)
			}
		})
	}
}
