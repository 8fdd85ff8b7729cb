import type { TraceRow } from "./provenance.service.ts";

/** The accounts a trace names, each once, in the order a reader meets them. */
export function partiesOf(trace: TraceRow): string[] {
  const { item } = trace;
  const events = [...trace.events.flatMap((event) => [event, ...event.corrections]), ...trace.madeFrom];
  return [
    ...new Set([
      item.registeredBy,
      ...events.map((event) => event.recorder),
      ...trace.custody.flatMap((transfer) => [transfer.fromAccount, transfer.toAccount]),
      ...[...trace.containers, ...trace.contents].map((link) => link.custodian),
      ...trace.attestations.map((attestation) => attestation.auditor),
      item.custodian,
      ...(item.pendingCustodian ? [item.pendingCustodian] : []),
    ]),
  ];
}
