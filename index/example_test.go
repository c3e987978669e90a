package index_test

import (
	"errors"
	"fmt"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

var orders = index.Layout{
	Keys: index.KeySchema{Hash: index.Key{Name: "customer", Type: attr.S}, Range: index.Key{Name: "orderId", Type: attr.S}},
	Indexes: []index.Index{
		{
			Name:   "byStatus",
			Global: true,
			Keys:   index.KeySchema{Hash: index.Key{Name: "status", Type: attr.S}, Range: index.Key{Name: "createdAt", Type: attr.N}},
		},
		{
			Name:       "byTotal",
			Keys:       index.KeySchema{Hash: index.Key{Name: "customer", Type: attr.S}, Range: index.Key{Name: "total", Type: attr.N}},
			Projection: index.Projection{Type: index.ProjectKeysOnly},
		},
	},
}

func ExampleLayout_Choose() {
	// status = :s AND createdAt > :t
	c, err := orders.Choose(index.Conditions{Equal: []string{"status"}, Range: "createdAt"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("index %s, key condition on %s and %s\n", c.Index, c.Keys.Hash.Name, c.Range)
	fmt.Println(c.Explain)
	// Output:
	// index byStatus, key condition on status and createdAt
	// uses GSI "byStatus": hash key "status" (=) and range key "createdAt" (range condition). Passed over: table: hash key "customer" is not compared with =; LSI "byTotal": hash key "customer" is not compared with =.
}

func ExampleLayout_Choose_noIndex() {
	_, err := orders.Choose(index.Conditions{Equal: []string{"email"}})
	fmt.Println(errors.Is(err, index.ErrNoIndex))
	fmt.Println(err)
	// Output:
	// true
	// index: no index fits a query with = on email; tried table: hash key "customer" is not compared with =; GSI "byStatus": hash key "status" is not compared with =; LSI "byTotal": hash key "customer" is not compared with =
}

func ExampleLayout_Check() {
	t := index.Layout{
		Keys: index.KeySchema{Hash: index.Key{Name: "id", Type: attr.BOOL}},
		Indexes: []index.Index{
			{Name: "byDate", Keys: index.KeySchema{Hash: index.Key{Name: "owner", Type: attr.S}, Range: index.Key{Name: "date", Type: attr.N}}},
		},
	}
	err := t.Check()
	var e *index.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// table hash key "id" has type BOOL; keys must be S, N or B
	// LSI "byDate": hash key "owner" must be the table's hash key "id"
	// LSI "byDate": the table has no range key; local indexes need a table with one
}

func ExampleMerge() {
	keys := index.KeySchema{Hash: index.Key{Name: "pk", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}}
	byType := index.Index{Name: "byType", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "type", Type: attr.S}, Range: index.Key{Name: "sk", Type: attr.S}}}
	users := index.Layout{Keys: keys, Indexes: []index.Index{byType}}
	orders := index.Layout{Keys: keys, Indexes: []index.Index{byType, {
		Name: "byEmail", Global: true, Keys: index.KeySchema{Hash: index.Key{Name: "email", Type: attr.S}},
	}}}
	t, err := index.Merge(users, orders)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ix := range t.Indexes {
		fmt.Println(ix.Name, ix.Keys)
	}
	for _, k := range t.Attributes() {
		fmt.Println(k.Name, k.Type)
	}
	// Output:
	// byType type S, sk S
	// byEmail email S
	// pk S
	// sk S
	// type S
	// email S
}
