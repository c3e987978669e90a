package odm_test

import (
	"testing"

	"github.com/dynamodel/dynamodel/internal/dynamotest"
)

func TestMain(m *testing.M) { dynamotest.Main(m) }
