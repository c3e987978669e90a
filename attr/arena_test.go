package attr_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/attr"
)

type arenaAward struct {
	Name string `dynamo:"name"`
	Year int    `dynamo:"year"`
}

type arenaAddress struct {
	Street string `dynamo:"street"`
	City   string `dynamo:"city"`
}

type listThenStruct struct {
	Awards  []arenaAward `dynamo:"awards"`
	Address arenaAddress `dynamo:"address"`
}

type structThenList struct {
	Address arenaAddress `dynamo:"address"`
	Awards  []arenaAward `dynamo:"awards"`
}

type mapThenStruct struct {
	Labels  map[string]string `dynamo:"labels"`
	Address arenaAddress      `dynamo:"address"`
}

type structThenMap struct {
	Address arenaAddress      `dynamo:"address"`
	Labels  map[string]string `dynamo:"labels"`
}

func allocsOfMarshal[T any](t *testing.T, v T) float64 {
	t.Helper()
	c, err := attr.For[T]()
	if err != nil {
		t.Fatal(err)
	}
	return testing.AllocsPerRun(100, func() {
		if _, err := c.Marshal(&v); err != nil {
			t.Fatal(err)
		}
	})
}

// TestMarshalAllocsDoNotDependOnFieldOrder checks that a list or map encoded before a nested
// struct neither takes nor drops the members reserved for that struct in the item's block:
// the item costs the same allocations whichever field comes first.
func TestMarshalAllocsDoNotDependOnFieldOrder(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("allocation counts differ under coverage")
	}
	awards := []arenaAward{{"a", 2019}, {"b", 2021}, {"c", 2024}}
	address := arenaAddress{Street: "12 Rue de Rivoli", City: "Paris"}
	labels := map[string]string{"source": "web", "region": "eu-west-1"}
	tests := []struct {
		name          string
		first, second float64
	}{
		{"list", allocsOfMarshal(t, listThenStruct{awards, address}), allocsOfMarshal(t, structThenList{address, awards})},
		{"map of strings", allocsOfMarshal(t, mapThenStruct{labels, address}), allocsOfMarshal(t, structThenMap{address, labels})},
	}
	for _, tt := range tests {
		if tt.first != tt.second {
			t.Errorf("%s before a nested struct: %v allocations per Marshal; after it: %v", tt.name, tt.first, tt.second)
		}
	}
}

type stringList struct {
	Names []string `dynamo:"names"`
}

// TestShortListIsOneAllocation checks that a list of up to 16 values takes its slice of values
// and their members from one block: three strings cost one allocation more than none.
func TestShortListIsOneAllocation(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("allocation counts differ under coverage")
	}
	tests := []struct {
		name string
		n    int
		want float64
	}{
		{"3 values", 3, 1},
		{"16 values", 16, 1},
	}
	none := allocsOfMarshal(t, stringList{Names: []string{}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := stringList{Names: make([]string, tt.n)}
			for i := range v.Names {
				v.Names[i] = "name"
			}
			if got := allocsOfMarshal(t, v) - none; got != tt.want {
				t.Errorf("Marshal(a list of %d strings) = %v allocations more than an empty list; want %v", tt.n, got, tt.want)
			}
		})
	}
}
