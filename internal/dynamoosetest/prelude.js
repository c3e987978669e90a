// Prepended to every script dynamoosetest.Run runs. It connects Dynamoose to the test server
// ($DYNAMODB_ENDPOINT), gives the script its input (`input`), a way to answer (`out(value)`)
// and the model options that keep Dynamoose from creating or changing tables.
"use strict";
const dynamoose = require("dynamoose");
dynamoose.aws.ddb.set(new dynamoose.aws.ddb.DynamoDB({
  endpoint: process.env.DYNAMODB_ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
}));
const input = JSON.parse(process.env.DYNAMOOSETEST_INPUT || "null");
// Dynamodel's tablesync creates the tables: Dynamoose must find them as they are.
const noTables = { create: false, update: false, waitForActive: false };
// JSON keeps what JSON.stringify loses: a Date as {"$date": ms}, a Set as {"$set": [sorted]},
// a Buffer as {"$b64": base64}.
function tagged(key, value) {
  const raw = this[key];
  if (raw instanceof Date) return { $date: raw.getTime() };
  if (raw instanceof Set) return { $set: [...raw].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  if (raw instanceof Uint8Array) return { $b64: Buffer.from(raw).toString("base64") };
  return value;
}
// An item's own toJSON copies it into plain objects, Sets and Buffers included: answer its
// own attributes instead (and each item of an array, as a query's answer, or of an object).
function plain(value) {
  if (Array.isArray(value)) return [...value].map(plain);
  if (value && value.constructor === Object) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  if (value && typeof value === "object" && typeof value.toJSON === "function" && !(value instanceof Date) && !(value instanceof Uint8Array)) return { ...value };
  return value;
}
let answered = false;
function out(value) {
  answered = true;
  process.stdout.write(JSON.stringify(value === undefined ? null : plain(value), tagged));
}
async function main() {
//BODY
}
main().then(
  () => { if (!answered) out(null); },
  (err) => { console.error(err && err.stack ? err.stack : String(err)); process.exit(1); },
);
