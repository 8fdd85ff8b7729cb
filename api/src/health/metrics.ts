/** Prometheus counters of the HTTP layer. */
export class ApiMetrics {
  graphqlRequests = 0;
  rateLimited = 0;
  graphqlSeconds = 0;

  render(): string {
    return [
      "# TYPE api_graphql_requests_total counter",
      `api_graphql_requests_total ${this.graphqlRequests}`,
      "# TYPE api_rate_limited_total counter",
      `api_rate_limited_total ${this.rateLimited}`,
      "# TYPE api_graphql_seconds_total counter",
      `api_graphql_seconds_total ${this.graphqlSeconds.toFixed(6)}`,
      "",
    ].join("\n");
  }
}
