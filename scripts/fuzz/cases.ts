// Hostile HTTP requests against the API, drawn from a seeded random source: each case is one request and the
// family it belongs to. What the server must never do with any of them: answer 5xx, hang, or crash.

/** One request: method, path (with query), headers and body. */
export interface FuzzCase {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** What the cases can aim at: real ids, so a wrong field next to a right one reaches the resolvers. */
export interface Targets {
  listingIds: string[];
  cid: string;
  sessionToken: string;
}

type Random = () => number;
const JSON_HEADERS = { "content-type": "application/json" };

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (random: Random, max: number) => Math.floor(random() * max);

/** Strings that break naive parsers: wrong types, control characters, huge, unicode, injection-shaped. */
function junk(random: Random): unknown {
  return pick(random, [
    "",
    "0x",
    "0xZZ",
    `0x${"f".repeat(int(random, 200))}`,
    "-1",
    "1e309",
    "NaN",
    "null",
    "\u0000\u0001\u0002",
    "' or 1=1 --",
    "$(rm -rf /)",
    "../../../../etc/passwd",
    "\ud800",
    "🙂".repeat(int(random, 500)),
    "a".repeat(int(random, 300_000)),
    -1,
    2 ** 53,
    1.5,
    true,
    [],
    {},
    [1, [2, [3]]],
    { $gt: "" },
  ]);
}

const gql = (family: string, query: string, variables?: unknown, headers: Record<string, string> = {}): FuzzCase => ({
  family,
  method: "POST",
  path: "/graphql",
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify({ query, variables }),
});

/** Queries whose arguments take a wrong value: every scalar the schema has, fed what it must refuse. */
const SCALAR_QUERIES = [
  "query($v: Bytes32!) { listing(id: $v) { id title } }",
  "query($v: Address!) { merchant(address: $v) { address } }",
  "query($v: Address!) { account(address: $v) { balances { token amount } } }",
  "query($v: UInt256!) { order(id: $v) { id } }",
  "query($v: Bytes32!) { provenance(itemId: $v) { item { id } } }",
  "query($v: Int) { listings(first: $v) { totalCount } }",
  "query($v: String) { listings(after: $v) { totalCount } }",
  "query($v: String) { listings(search: $v) { totalCount } }",
  "query($v: ListingFilter) { listings(filter: $v) { totalCount } }",
  "query($v: String) { provenanceEvents(after: $v) { nodes { id } } }",
  "query($v: ProvenanceEventFilter) { provenanceEvents(filter: $v) { nodes { id } } }",
  "query($v: ItemFilter) { items(filter: $v) { nodes { id } } }",
  "query($v: PrepareOrderInput!) { prepareOrder(input: $v) { total } }",
];

const FAMILIES: ((random: Random, targets: Targets) => FuzzCase)[] = [
  (random) => gql("wrong scalar", pick(random, SCALAR_QUERIES), { v: junk(random) }),
  (random, { listingIds }) =>
    gql("wrong scalar inline", `{ listing(id: "${pick(random, listingIds)}") { id stock(x: 1) } }`),
  (random) => gql("huge string", `{ listings(search: "${"x".repeat(1000 + int(random, 200_000))}") { totalCount } }`),
  (random) => {
    const depth = 10 + int(random, 200);
    return gql("deep nesting", `{ ${"listings { nodes { merchant { ".repeat(depth)}address${" } } }".repeat(depth)} }`);
  },
  (random, { listingIds }) => {
    const aliases = Array.from(
      { length: 100 + int(random, 5000) },
      (_, i) => `a${i}: listing(id: "${listingIds[0]}") { id }`,
    );
    return gql("alias bomb", `{ ${aliases.join(" ")} }`);
  },
  (random) => {
    const spreads = Array.from({ length: 50 + int(random, 2000) }, () => "...F").join(" ");
    return gql("fragment bomb", `{ listings { nodes { ...F } } } fragment F on Listing { id ${spreads} }`);
  },
  () =>
    gql(
      "fragment cycle",
      "{ listings { nodes { ...A } } } fragment A on Listing { ...B } fragment B on Listing { ...A }",
    ),
  (random, { listingIds }) => ({
    family: "batched array",
    method: "POST",
    path: "/graphql",
    headers: JSON_HEADERS,
    body: JSON.stringify(
      Array.from({ length: 2 + int(random, 200) }, () => ({
        query: `{ listing(id: "${pick(random, listingIds)}") { id } }`,
      })),
    ),
  }),
  (random) =>
    gql("forged session", "{ me { address } orders { totalCount } }", undefined, {
      authorization: pick(random, [
        "Bearer x",
        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIweDAwIn0.",
        `Bearer ${"a".repeat(int(random, 20_000))}`,
        "Basic YWRtaW46YWRtaW4=",
        "Bearer",
        "bearer  \t ",
      ]),
    }),
  (random) =>
    gql("malformed sign-in", "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token } }", {
      m: pick(random, [
        "",
        "hello",
        `example.com wants you to sign in\n${"\n".repeat(int(random, 100))}`,
        junk(random),
      ]),
      s: pick(random, ["0x", `0x${"11".repeat(65)}`, `0x${"ab".repeat(int(random, 9000))}`, junk(random)]),
    }),
  (random) => ({
    family: "invalid JSON",
    method: "POST",
    path: "/graphql",
    headers: JSON_HEADERS,
    body: pick(random, ["{", '{"query": ', "[[[[", "\u0000", '{"query": 1}', '{"query": null}', "null", "1", '"x"']),
  }),
  (random) => ({
    family: "wrong content type",
    method: "POST",
    path: "/graphql",
    headers: {
      "content-type": pick(random, ["text/plain", "application/xml", "multipart/form-data; boundary=x", "", "*/*"]),
    },
    body: JSON.stringify({ query: "{ __typename }" }),
  }),
  (random) => ({
    family: "oversized body",
    method: "POST",
    path: "/graphql",
    headers: JSON_HEADERS,
    body: JSON.stringify({
      query: "{ __typename }",
      variables: { pad: "p".repeat(1_000_000 + int(random, 3_000_000)) },
    }),
  }),
  (random) => {
    const query = pick(random, ["{", "mutation { signOut }", "{ __schema { types { name } } }"]);
    // Lone surrogates cannot be percent-encoded: a client could not send them either.
    const variables = String(junk(random))
      .replace(/[\ud800-\udfff]/g, "?")
      .slice(0, 2000);
    return {
      family: "bad GET",
      method: "GET",
      path: `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`,
      headers: {},
    };
  },
  (random, { sessionToken }) => ({
    family: "malformed upload",
    method: "POST",
    path: `/api/v0/add?${pick(random, ["", "cid-version=9", "pin=maybe", "chunker=size-0"])}`,
    headers: {
      ...(random() < 0.7 ? { authorization: `Bearer ${sessionToken}` } : {}),
      "content-type": pick(random, ["multipart/form-data; boundary=xyz", "multipart/form-data", "text/plain"]),
    },
    body: pick(random, [
      '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
      "--xyz--",
      "garbage",
      `--xyz\r\n${"H: v\r\n".repeat(int(random, 3000))}\r\n\r\nx\r\n--xyz--`,
    ]),
  }),
  (random, { cid }) => ({
    family: "gateway range",
    method: pick(random, ["GET", "HEAD"]),
    path: `/ipfs/${cid}`,
    headers: {
      range: pick(random, [
        "bytes=abc",
        "bytes=5-1",
        "bytes=-0",
        "bytes=0-99999999999999999999",
        `bytes=${Array.from({ length: 1 + int(random, 500) }, (_, i) => `${i}-${i}`).join(",")}`,
        "items=0-1",
      ]),
    },
  }),
  (random, { cid }) => ({
    family: "gateway path",
    method: pick(random, ["GET", "HEAD", "DELETE", "OPTIONS"]),
    path: pick(random, [
      "/ipfs/",
      "/ipfs/not-a-cid",
      `/ipfs/${cid}/../../../etc/passwd`,
      `/ipfs/${cid}/%2e%2e/%2e%2e/etc/passwd`,
      `/ipfs/${"b".repeat(int(random, 10_000))}`,
      `/ipfs/${cid}?filename=${"%00".repeat(int(random, 100))}`,
      "/ipfs/bafkqaaa",
    ]),
    headers: {},
  }),
  (random) => ({
    family: "static path",
    method: "GET",
    path: pick(random, [
      "/%2e%2e/%2e%2e/etc/passwd",
      "//etc/passwd",
      "/..%2f..%2fpackage.json",
      `/${"a/".repeat(int(random, 2000))}`,
      "/index.html%00.js",
      "/assets/%c0%ae%c0%ae/secret",
    ]),
    headers: {},
  }),
  (random) => ({
    family: "other endpoint",
    method: pick(random, ["GET", "POST", "PUT"]),
    path: pick(random, [
      "/epcis/events?EQ_bizStep=",
      "/epcis/events?GE_eventTime=tomorrow",
      "/epcis/events?perPage=-5",
      "/epcis/events?nextPageToken=%ff%fe",
      "/health?x=1",
      "/metrics",
      "/api/v0/pin/rm?arg=x",
      "/api/v0/repo/gc",
    ]),
    headers: {},
  }),
];

/** The `index`-th case of the sequence `random` draws. */
export function nextCase(random: Random, targets: Targets): FuzzCase {
  return pick(random, FAMILIES)(random, targets);
}
