package odm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
	"github.com/dynamodel/dynamodel/validate"
)

type numberSetItem struct {
	ID     string        `dynamo:"id"`
	Scores []attr.Number `dynamo:"scores,set,omitempty"`
	Ratios []float64     `dynamo:"ratios,set,omitempty"`
}

// TestNumberSetSpellingsOfOneValue: DynamoDB compares the members of a number set by value,
// so a set holding 1 and 1.0 is refused ("Input collection contains duplicates"). The codec
// refuses it first, as it refuses a set holding one text twice.
func TestNumberSetSpellingsOfOneValue(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := schema.Must(schema.For[numberSetItem](schema.Attr("id", schema.HashKey())))
	m, _ := newModel[numberSetItem](t, ctx, s, "numset")
	key := model.Key{Hash: "n1"}
	stored := &numberSetItem{ID: "n1", Scores: []attr.Number{"1", "10", "0.1"}, Ratios: []float64{0.5, 1}}
	if err := m.Put(ctx, stored); err != nil {
		t.Fatalf("Put(%+v) = %v; want nil (distinct values)", stored, err)
	}
	tests := []struct {
		name string
		run  func() error
	}{
		{"Put", func() error { return m.Put(ctx, &numberSetItem{ID: "n2", Scores: []attr.Number{"1", "1.0"}}) }},
		{"Put, exponent", func() error { return m.Put(ctx, &numberSetItem{ID: "n2", Scores: []attr.Number{"100", "1e2"}}) }},
		{"Put, float zeros", func() error { return m.Put(ctx, &numberSetItem{ID: "n2", Ratios: []float64{0, negativeZero()}}) }},
		{"Update SET", func() error {
			_, err := m.Update(key).Set("scores", []attr.Number{"2", "2.00"}).Exec(ctx)
			return err
		}},
		{"Update ADD", func() error {
			_, err := m.Update(key).Add("scores", []attr.Number{"3", "03"}).Exec(ctx)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			var ve *validate.Error
			if !errors.As(err, &ve) || !errors.Is(err, attr.ErrDuplicate) {
				t.Errorf("%s = %v; want a *validate.Error wrapping attr.ErrDuplicate, before sending", tt.name, err)
			}
		})
	}
	got, err := m.Get(ctx, key, model.Consistent())
	if err != nil || len(got.Scores) != 3 {
		t.Errorf("Get after refused updates = %+v, %v; want the stored item", got, err)
	}
}

func negativeZero() float64 {
	z := 0.0
	return -z
}
