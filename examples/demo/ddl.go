package main

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// deleteInput is the request that drops a demo table. Dynamodel's sync never deletes a
// table; the demo cleans up after itself with the SDK.
func deleteInput(table string) *dynamodb.DeleteTableInput {
	return &dynamodb.DeleteTableInput{TableName: aws.String(table)}
}
