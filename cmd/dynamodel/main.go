package main

import "github.com/dynamodel/dynamodel/dynamodelcli"

// main is dynamodelcli without models: tables from definition files, a connection from flags.
func main() { dynamodelcli.Main(nil) }
