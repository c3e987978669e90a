package odm_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dynamodel/dynamodel/model"
	"github.com/dynamodel/dynamodel/schema"
)

type profile struct {
	ID     string `dynamo:"id"`
	Handle string `dynamo:"handle"`
	Team   string `dynamo:"team"`
	Score  int    `dynamo:"score"`
	Bio    string `dynamo:"bio"`
}

// TestPartialReadCannotBePutBack: items read through a KEYS_ONLY or INCLUDE index, or with
// Project, do not come as a T that Put would write back whole (deleting the attributes not
// read, and overwriting a score of 42 with 0): All refuses the read with ErrPartialRead,
// AllPartial yields Partial values, and an Update of the changed attribute keeps the rest.
func TestPartialReadCannotBePutBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[profile](
		schema.Attr("id", schema.HashKey()),
		schema.Attr("handle", schema.Index(schema.IndexName("byHandle"), schema.KeysOnly())),
		schema.Attr("team", schema.Index(schema.IndexName("byTeam"), schema.Project("handle"))),
	))
	profiles, _ := newModel[profile](t, ctx, s, "partial")
	stored := profile{ID: "p1", Handle: "ada", Team: "core", Score: 42, Bio: "counts things"}
	if err := profiles.Put(ctx, &stored); err != nil {
		t.Fatal(err)
	}
	reads := []struct {
		name    string
		all     func() error
		partial func() ([]model.Partial[profile], error)
	}{
		{"KEYS_ONLY index", func() error { return firstErr(profiles.Query(model.Where("handle").Eq("ada")).All(ctx)) },
			func() ([]model.Partial[profile], error) {
				return gather(profiles.Query(model.Where("handle").Eq("ada")).AllPartial(ctx))
			}},
		{"INCLUDE index", func() error { return firstErr(profiles.Query(model.Where("team").Eq("core")).All(ctx)) },
			func() ([]model.Partial[profile], error) {
				return gather(profiles.Query(model.Where("team").Eq("core")).AllPartial(ctx))
			}},
		{"Project on a table query", func() error { return firstErr(profiles.Query(model.Where("id").Eq("p1")).Project("handle").All(ctx)) },
			func() ([]model.Partial[profile], error) {
				return gather(profiles.Query(model.Where("id").Eq("p1")).Project("handle").AllPartial(ctx))
			}},
		{"Project on a scan", func() error { return firstErr(profiles.Scan().Project("handle").All(ctx)) },
			func() ([]model.Partial[profile], error) {
				return gather(profiles.Scan().Project("handle").AllPartial(ctx))
			}},
	}
	for _, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			var in *model.InputError
			if err := r.all(); !errors.Is(err, model.ErrPartialRead) || !errors.As(err, &in) {
				t.Errorf("All = %v; want an *InputError matching ErrPartialRead", err)
			}
			got, err := r.partial()
			if err != nil || len(got) != 1 || got[0].Item.ID != "p1" || got[0].Item.Score != 0 {
				t.Fatalf("AllPartial = %+v, %v; want p1 without its score", got, err)
			}
			// The easy path: change what changed, with Update.
			p := got[0]
			if _, err := profiles.Update(model.Key{Hash: p.Item.ID}).Set("handle", "ada-"+r.name).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			now, err := profiles.Get(ctx, model.Key{Hash: "p1"})
			if err != nil || now.Score != 42 || now.Bio != "counts things" || now.Team != "core" {
				t.Errorf("after Update: %+v, %v; want score 42, bio and team kept", now, err)
			}
			if err := profiles.Put(ctx, &stored); err != nil { // the next read finds "ada" again
				t.Fatal(err)
			}
		})
	}
	if got, err := gather(profiles.Query(model.Where("id").Eq("p1")).All(ctx)); err != nil || len(got) != 1 || got[0].Score != 42 {
		t.Errorf("All of whole items = %+v, %v; want p1 with score 42", got, err)
	}
}

func firstErr[T any](seq func(func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

func gather[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// TestPartialGetCannotBePutBack: Get, BatchGet and TxGet do not take Project (a compile
// error, checked in package model); GetPartial and BatchGetPartial return Partial values
// naming the attributes read, and an Update of the changed attribute keeps the rest.
func TestPartialGetCannotBePutBack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s := schema.Must(schema.For[profile](schema.Attr("id", schema.HashKey())))
	profiles, _ := newModel[profile](t, ctx, s, "partialget")
	stored := profile{ID: "p1", Handle: "ada", Team: "core", Score: 42, Bio: "counts things"}
	if err := profiles.Put(ctx, &stored); err != nil {
		t.Fatal(err)
	}
	key := model.Key{Hash: "p1"}
	p, err := profiles.GetPartial(ctx, key, model.Consistent(), model.Project("handle"))
	if err != nil || p.Item.Handle != "ada" || p.Item.Score != 0 || fmt.Sprint(p.Read) != "[handle]" {
		t.Fatalf("GetPartial = %+v, %v; want handle only, Read [handle]", p, err)
	}
	ps, err := profiles.BatchGetPartial(ctx, []model.Key{key, {Hash: "none"}}, model.Project("handle"))
	if err != nil || len(ps) != 2 || ps[0] == nil || ps[0].Item.ID != "p1" || ps[0].Item.Score != 0 || ps[1] != nil {
		t.Fatalf("BatchGetPartial = %+v, %v; want p1 without its score, then nil", ps, err)
	}
	if _, err := profiles.Update(key).Set("handle", p.Item.Handle+"-2").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	now, err := profiles.Get(ctx, key, model.Consistent())
	want := profile{ID: "p1", Handle: "ada-2", Team: "core", Score: 42, Bio: "counts things"}
	if err != nil || now != want {
		t.Errorf("after Update: %+v, %v; want %+v", now, err, want)
	}
}
