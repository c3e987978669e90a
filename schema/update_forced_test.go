package schema

import "testing"

type forcedList struct {
	ID    string   `dynamo:"id"`
	Stage []string `dynamo:"stage"`
}

// TestUpdateAppendToForcedListSetsTheDefault checks that an append to a ForceDefault list is
// a SET of the default, as every other change of a ForceDefault attribute is: the action's
// operator is UpdateSet, which its caller must send as a SET (an append of the default would
// keep the stored elements).
func TestUpdateAppendToForcedListSetsTheDefault(t *testing.T) {
	s := mustSchema(t)(For[forcedList](Attr("stage", Default([]string{"draft"}), ForceDefault())))
	got, err := s.Update([]Change{{UpdateAppend, "stage", []string{"x"}}})
	if err != nil {
		t.Fatalf("Update(append stage) = %v", err)
	}
	if want := `SET stage L[S"draft"]`; renderActions(got) != want {
		t.Errorf("Update(append stage) = %s; want %s", renderActions(got), want)
	}
}
