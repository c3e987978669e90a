# Dynamodel's tasks. Every target that needs DynamoDB starts its own local server through
# internal/cmd/localdynamo (installed once into ~/.cache/dynamodel from the npm registry);
# set DYNAMODB_ENDPOINT to use a running server instead, or DYNAMODB_SERVER=dynalite.

GO          ?= go
LOCAL       := $(GO) run ./internal/cmd/localdynamo
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHCOUNT  ?= 6

.PHONY: demo test bench bench-e2e lint fmt dynamodb-local

## demo: start a local DynamoDB, define models, sync tables, write, validate, query, print it all
demo:
	$(LOCAL) run -- $(GO) run ./examples/demo

## test: every unit and integration test, with the race detector, against a local DynamoDB
test:
	$(LOCAL) install
	$(LOCAL) run -- $(GO) test -race -count=1 ./...
	@if [ -f bench/go.mod ]; then echo "cd bench && go test ./..."; cd bench && $(GO) test -count=1 ./...; fi

## bench: codec and client-call benchmarks beside their anchors; writes docs/performance.md
bench:
	cd bench && $(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) -timeout 60m | tee bench.out
	cd bench && $(GO) run ./report -in bench.out -out ../docs/performance.md \
		-command "cd bench && go test -run '^\$$' -bench . -benchmem -count $(BENCHCOUNT)"

## bench-e2e: end-to-end throughput against one local DynamoDB started for the run
bench-e2e:
	$(LOCAL) run -- sh -c 'cd bench && $(GO) test -run "^$$" -bench E2E -benchtime 1x -count 3 -timeout 60m -tags e2e'

## lint: gofmt, go vet and staticcheck, for the library and the benchmark module
lint:
	@out=$$(gofmt -l . ); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@if [ -f bench/go.mod ]; then cd bench && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...; fi

fmt:
	gofmt -w .

## dynamodb-local: run one local DynamoDB in the foreground, for manual use
dynamodb-local:
	$(LOCAL) serve
