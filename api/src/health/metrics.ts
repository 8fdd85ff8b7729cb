/** Prometheus counters of the HTTP layer. */
export class ApiMetrics {
  graphqlRequests = 0;
  rateLimited = 0;
  graphqlSeconds = 0;
  /** GraphQL requests whose client hung up before their turn came or their answer was sent. */
  graphqlAbandoned = 0;
  /** GraphQL requests waiting for a turn now (CONCURRENT_QUERIES are executing). */
  graphqlWaiting: () => number = () => 0;

  render(): string {
    return [
      "# TYPE api_graphql_requests_total counter",
      `api_graphql_requests_total ${this.graphqlRequests}`,
      "# TYPE api_rate_limited_total counter",
      `api_rate_limited_total ${this.rateLimited}`,
      "# TYPE api_graphql_seconds_total counter",
      `api_graphql_seconds_total ${this.graphqlSeconds.toFixed(6)}`,
      "# TYPE api_graphql_abandoned_total counter",
      `api_graphql_abandoned_total ${this.graphqlAbandoned}`,
      "# TYPE api_graphql_waiting gauge",
      `api_graphql_waiting ${this.graphqlWaiting()}`,
      "",
    ].join("\n");
  }
}
