// The load generator of bench:api, run as a child process so it does not share the server's event loop:
//   node load-worker.ts <url> <requestsFile> <connections> <seconds>
// requestsFile holds either a JSON array of GraphQL bodies POSTed to url in rotation (GraphQL errors are
// counted), each a string or { body, authorization } for one sent signed in, or `{ "paths": [...] }`, paths of
// url's origin fetched with GET in rotation (no body, nothing read from the responses but their status). Each
// request takes the next body or path. Prints one JSON summary.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const [url, requestsFile, connections, seconds] = process.argv.slice(2);
/** A GraphQL body, or one sent with an Authorization header. */
export type Post = string | { body: string; authorization: string };
const requests = JSON.parse(readFileSync(requestsFile, "utf8")) as Post[] | { paths: string[] };
const rotation = Array.isArray(requests) ? requests : requests.paths;
let next = 0;
let graphqlErrors = 0;
let firstError: string | undefined;

const post: autocannon.Request = {
  method: "POST",
  headers: { "content-type": "application/json" },
  setupRequest: (request) => {
    const post = rotation[next++ % rotation.length] as Post;
    if (typeof post === "string") return { ...request, body: post };
    return { ...request, body: post.body, headers: { ...request.headers, authorization: post.authorization } };
  },
  onResponse: (status, body) => {
    if (status === 200 && body.includes('"errors"')) {
      graphqlErrors++;
      firstError ??= body.slice(0, 500);
    }
  },
};
// No onResponse: autocannon would otherwise gather every body into a string.
const get: autocannon.Request = {
  method: "GET",
  setupRequest: (request) => ({ ...request, path: rotation[next++ % rotation.length] as string }),
};

const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 30,
  requests: [Array.isArray(requests) ? post : get],
});
console.log(
  JSON.stringify({
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    firstError,
    distinctBodies: Math.min(next, rotation.length),
  }),
);
