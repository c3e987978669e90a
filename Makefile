# Dynamodel's tasks. Every target that needs DynamoDB starts its own dynalite (an open-source
# local DynamoDB server, installed once into ~/.cache/dynamodel from the npm registry) through
# internal/cmd/localdynamo; set DYNAMODB_ENDPOINT to use another running server instead.
# `localdynamo install` also installs Dynamoose there, for the interop tests (docs/testing.md).

GO          ?= go
LOCAL       := $(GO) run ./internal/cmd/localdynamo
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHCOUNT  ?= 6

BUILDING    := echo "building (the first run compiles the AWS SDK: a few minutes)…"

.PHONY: demo test bench bench-e2e lint fmt dynalite

## demo: start dynalite, define models, sync tables, write, validate, query, print it all
demo:
	@$(LOCAL) install
	@$(BUILDING)
	$(LOCAL) run -- $(GO) run ./examples/demo

## test: every unit and integration test, with the race detector, against dynalite
test:
	@$(LOCAL) install
	@$(BUILDING)
	$(LOCAL) run -- $(GO) test -race -count=1 ./...
	@if [ -f bench/go.mod ]; then echo "cd bench && go test ./..."; cd bench && $(GO) test -count=1 ./...; fi

## bench: codec, pipeline and client-call benchmarks beside their anchors (no server needed);
## writes their sections of docs/performance.md. A failing go test fails make (pipefail).
CODECTEST   := go test -run '^$$' -bench '[Mm]arshal' -benchmem -count 1 -timeout 60m -args -reps $(BENCHCOUNT)
CALLTEST    := go test -run '^$$' -bench 'Call|Pipeline' -benchmem -count 1 -timeout 60m -args -reps $(BENCHCOUNT)
bench: SHELL := bash
bench: .SHELLFLAGS := -o pipefail -ec
bench:
	cd bench && $(CODECTEST) | tee bench.out
	cd bench && $(CALLTEST) | tee calls.out
	cd bench && $(GO) run ./report -in bench.out -out ../docs/performance.md -command "cd bench && $(subst ^$$,^\$$,$(CODECTEST))"
	cd bench && $(GO) run ./report -in calls.out -out ../docs/performance.md -command "cd bench && $(subst ^$$,^\$$,$(CALLTEST))"

## bench-e2e: end-to-end throughput and memory against one dynalite started for the run;
## writes the end-to-end section of docs/performance.md
E2EREPS     ?= 5
E2ETEST     := go test -tags e2e -run '^$$' -bench E2E -benchtime 1x -count 1 -timeout 60m -args -reps $(E2EREPS)
bench-e2e: SHELL := bash
bench-e2e: .SHELLFLAGS := -o pipefail -ec
bench-e2e:
	@$(LOCAL) install
	@$(BUILDING)
	$(LOCAL) run -- bash -o pipefail -c "cd bench && $(E2ETEST) | tee e2e.out"
	cd bench && $(GO) run ./report -in e2e.out -out ../docs/performance.md \
		-command "make bench-e2e (dynalite 4.0.0 started by internal/cmd/localdynamo, then: cd bench && $(subst ^$$,^\$$,$(E2ETEST)))"

## lint: gofmt, go vet and staticcheck, for the library and the benchmark module
lint:
	@out=$$(gofmt -l . ); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@if [ -f bench/go.mod ]; then cd bench && $(GO) vet ./... && $(GO) vet -tags e2e ./... && $(GO) run $(STATICCHECK) ./...; fi

fmt:
	gofmt -w .

## dynalite: run one dynalite in the foreground, for manual use
dynalite:
	$(LOCAL) serve
