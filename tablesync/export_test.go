package tablesync

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
)

// exportTables are the definitions the export goldens are made from: a provisioned table with
// every setting, the same table defined by a second model, and an on-demand table whose name
// needs cleaning for a logical ID.
func exportTables() []Spec {
	orders := ordersSpec()
	orders.Class = types.TableClassStandardInfrequentAccess
	second := ordersSpec()
	second.Index.Indexes = []index.Index{{Name: "bySku", Global: true, Keys: index.KeySchema{Hash: key("sku", attr.S)}}}
	second.Tags = map[string]string{"model": "line"}
	events := Spec{
		Name:    "dev_events-v2",
		Index:   index.Layout{Keys: index.KeySchema{Hash: key("id", attr.B)}},
		Billing: index.OnDemand(),
	}
	return []Spec{orders, events, second}
}

func TestExportJSON(t *testing.T) {
	got, err := ExportJSON(exportTables()...)
	if err != nil {
		t.Fatalf("ExportJSON() = %v", err)
	}
	golden(t, "export.json", append(got, '\n'))
}

func TestExportCloudFormation(t *testing.T) {
	got, err := ExportCloudFormation(exportTables()...)
	if err != nil {
		t.Fatalf("ExportCloudFormation() = %v", err)
	}
	golden(t, "cloudformation.json", append(got, '\n'))
}

func TestExportInvalid(t *testing.T) {
	bad := ordersSpec()
	bad.Billing = index.Billing{}
	for name, export := range map[string]func(...Spec) ([]byte, error){"ExportJSON": ExportJSON, "ExportCloudFormation": ExportCloudFormation} {
		t.Run(name, func(t *testing.T) {
			if out, err := export(bad); !errors.Is(err, index.ErrInvalid) || out != nil {
				t.Errorf("%s(invalid) = %s, %v; want index.ErrInvalid", name, out, err)
			}
		})
	}
}

func TestLogicalID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"orders", "OrdersTable"},
		{"dev_orders-v2", "DevOrdersV2Table"},
		{"2024.events", "T2024EventsTable"},
		{"___", "TTable"},
		{"ünïcode", "NCodeTable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := logicalID(tt.name); got != tt.want {
				t.Errorf("logicalID(%q) = %q; want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestLogicalIDCollision(t *testing.T) {
	a := Spec{Name: "a-b", Index: index.Layout{Keys: index.KeySchema{Hash: key("id", attr.S)}}, Billing: index.OnDemand()}
	b := a
	b.Name = "a_b"
	out, err := ExportCloudFormation(a, b)
	if err != nil {
		t.Fatalf("ExportCloudFormation() = %v", err)
	}
	for _, want := range []string{`"ABTable"`, `"ABTable2"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ExportCloudFormation(a-b, a_b) has no resource %s:\n%s", want, out)
		}
	}
}
