// Package bench measures Dynamodel beside what a Go team would pick instead, in one run: the
// SDK's attributevalue package, guregu/dynamo, and code written by hand for the same struct
// (the floor). It is a separate module so that the library does not depend on the anchors.
//
// Three sets of benchmarks:
//
//   - the codec (BenchmarkMarshal, BenchmarkUnmarshal): Go values to items and back;
//   - client calls (BenchmarkCall): a whole PutItem, GetItem or Query through the SDK client,
//     answered by [Fake], an in-process HTTP client that replies as DynamoDB does (no network,
//     no server), for Dynamodel with the representative schema's whole pipeline, the raw SDK
//     with a handwritten conversion or with attributevalue, and guregu; and the write
//     pipeline alone beside the codec (BenchmarkPipeline);
//   - end to end (BenchmarkE2E, built with -tags e2e): throughput, batch writes and the
//     memory of a long iteration against a real DynamoDB server at $DYNAMODB_ENDPOINT.
//
// BenchmarkCodecRatio is a tool for working on the codec, not a published figure: Dynamodel
// against the handwritten conversion in alternating short batches, as a median ratio that a
// loaded machine moves little (see docs/performance.md).
//
// The call, pipeline and end-to-end benchmarks interleave their repetitions (-reps N) so that
// the machine's drift moves every client alike; run them with -count 1:
//
//	cd bench && go test -run '^$' -bench 'Marshal' -benchmem -count 6
//	cd bench && go test -run '^$' -bench 'Call|Pipeline' -benchmem -count 1 -args -reps 6
//
// From the repository root, make bench runs the first two and make bench-e2e the third
// (starting dynalite); both write their sections of docs/performance.md with the
// program in ./report.
package bench
