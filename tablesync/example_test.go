package tablesync_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynamodel/dynamodel/attr"
	"github.com/dynamodel/dynamodel/index"
	"github.com/dynamodel/dynamodel/tablesync"
)

var sessions = tablesync.Spec{
	Name: "prod_sessions",
	Index: index.Layout{
		Keys: index.KeySchema{Hash: index.Key{Name: "id", Type: attr.S}},
		Indexes: []index.Index{{
			Name: "byUser", Global: true,
			Keys:       index.KeySchema{Hash: index.Key{Name: "user", Type: attr.S}},
			Projection: index.Projection{Type: index.ProjectKeysOnly},
		}},
	},
	Billing: index.OnDemand(),
	TTL:     "expiresAt",
}

func ExampleExportCloudFormation() {
	template, err := tablesync.ExportCloudFormation(sessions)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(template))
	// Output:
	// {
	//   "AWSTemplateFormatVersion": "2010-09-09",
	//   "Description": "DynamoDB tables exported by Dynamodel",
	//   "Resources": {
	//     "ProdSessionsTable": {
	//       "Type": "AWS::DynamoDB::Table",
	//       "DeletionPolicy": "Retain",
	//       "UpdateReplacePolicy": "Retain",
	//       "Properties": {
	//         "TableName": "prod_sessions",
	//         "AttributeDefinitions": [
	//           {
	//             "AttributeName": "id",
	//             "AttributeType": "S"
	//           },
	//           {
	//             "AttributeName": "user",
	//             "AttributeType": "S"
	//           }
	//         ],
	//         "KeySchema": [
	//           {
	//             "AttributeName": "id",
	//             "KeyType": "HASH"
	//           }
	//         ],
	//         "BillingMode": "PAY_PER_REQUEST",
	//         "GlobalSecondaryIndexes": [
	//           {
	//             "IndexName": "byUser",
	//             "KeySchema": [
	//               {
	//                 "AttributeName": "user",
	//                 "KeyType": "HASH"
	//               }
	//             ],
	//             "Projection": {
	//               "ProjectionType": "KEYS_ONLY"
	//             }
	//           }
	//         ],
	//         "TimeToLiveSpecification": {
	//           "AttributeName": "expiresAt",
	//           "Enabled": true
	//         }
	//       }
	//     }
	//   }
	// }
}

// A program syncs its tables at startup in the mode its environment asks for: update in
// development, verify in production.
func ExampleSync() {
	ctx := context.Background()
	var db *dynamodb.Client // from dynamodel.Open(...).DynamoDB()
	mode, err := tablesync.ParseMode(os.Getenv("TABLE_SYNC"))
	if err != nil {
		log.Fatal(err)
	}
	res, err := tablesync.Sync(ctx, db, mode, sessions)
	if err != nil {
		log.Fatal(err) // a *DriftError in verify mode lists every difference
	}
	fmt.Print(res) // what was applied, and what was skipped and why
}

// Destructive changes are planned, reviewed, and applied deliberately.
func ExamplePlan() {
	ctx := context.Background()
	var db *dynamodb.Client
	plan, err := tablesync.Plan(ctx, db, sessions)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(plan)
	if _, err := tablesync.Apply(ctx, db, plan, tablesync.AllowDestructive()); err != nil {
		log.Fatal(err)
	}
}

// A file of definitions, as ExportJSON writes it or written by hand, drives Plan and Apply
// without Go code: ReadJSON reads it back into Specs.
func ExampleReadJSON() {
	file := strings.NewReader(`[
  {
    "CreateTable": {
      "TableName": "sessions",
      "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
      "BillingMode": "PAY_PER_REQUEST"
    },
    "UpdateTimeToLive": {"TableName": "sessions", "TimeToLiveSpecification": {"AttributeName": "expiresAt", "Enabled": true}}
  }
]`)
	tables, err := tablesync.ReadJSON(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tables {
		fmt.Printf("%s: keys %s, %s, TTL %s\n", t.Name, t.Index.Keys, t.Billing, t.TTL)
	}

	_, err = tablesync.ReadJSON(strings.NewReader(`[{"CreateTable": {"TableName": "bad", "BillingMode": "PAY_PER_REQUEST"}}]`))
	fmt.Println(err)
	// Output:
	// sessions: keys id S, on demand, TTL expiresAt
	// tablesync: read definitions: #1 "bad": index: check: KeySchema has 0 key elements; want a HASH key and an optional RANGE key
}
