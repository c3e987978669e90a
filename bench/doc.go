// Package bench measures Dynamodel's codec beside its anchors, in one run: the SDK's
// attributevalue package, guregu/dynamo, and a conversion written by hand for the same struct
// (the floor). It is a separate module so that the library does not depend on the anchors.
//
//	cd bench && go test -run '^$' -bench . -benchmem
//
// make bench (from the repository root) runs it six times and writes docs/performance.md with
// the program in ./report.
package bench
