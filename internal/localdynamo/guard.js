// Preloaded by Dynamodel's localdynamo into the dynalite process (node --require).
//
// dynalite rethrows an error of a request stream, so a client that closes its connection in
// the middle of sending a request (a cancelled context, a fault-injection test) ends the
// whole server with "Error: aborted" (ECONNRESET), and every later test then fails with
// "connection refused". Such an error concerns one connection only: it is dropped here, and
// every other uncaught error still ends the process as before.
'use strict'

var connectionErrors = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'])

process.on('uncaughtException', function (err) {
  if (err && (connectionErrors.has(err.code) || err.message === 'aborted')) {
    return
  }
  console.error(err)
  process.exit(1)
})
