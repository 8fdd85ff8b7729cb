import { Inject, Injectable } from "@nestjs/common";
import type { ApiContext } from "../common/context.ts";
import { DocumentsService } from "../documents/documents.service.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import { partiesOf } from "./parties.ts";
import { ProvenanceService, type ItemRow, type TraceRow } from "./provenance.service.ts";

const provenanceTypeDefs = /* GraphQL */ `
  type Query {
    item(id: Bytes32!): Item!
    "The full trace of a physical item, every step with block, transaction and actor."
    provenance(itemId: Bytes32!): ProvenanceTrace!
    """
    The trace as an EPCIS 2.0 JSON-LD document (EPCISDocument): registration, recorded events,
    aggregations, transformations, custody hand-offs, attestations; corrected events carry an
    errorDeclaration naming their corrective events. Public, like provenance.
    """
    provenanceExport(itemId: Bytes32!): JSON!
  }

  type Item {
    id: Bytes32!
    epc: String!
    listingId: Bytes32!
    listing: Listing
    quantity: UInt256!
    registeredBy: Address!
    "Direct holder; while packed, the outermost container's holder holds it."
    custodian: Address!
    pendingCustodian: Address
    container: Item
    "Active, or Consumed by a transformation."
    status: String!
    registeredBlock: Int!
    registeredAt: Timestamp!
  }

  type ProvenanceTrace {
    item: Item!
    "Recorded events and transformations in chain order; corrections sit beside the event they correct."
    events: [ProvenanceEvent!]!
    custody: [CustodyTransfer!]!
    "Containers (shipments) the item was packed into and unpacked from."
    containers: [AggregationLink!]!
    "Items packed into this one, when it is a container."
    contents: [AggregationLink!]!
    "Transformations that produced the item and, recursively, its inputs (nearest first)."
    madeFrom: [ProvenanceEvent!]!
    attestations: [Attestation!]!
    "Every account the trace names (registrant, custodians, recorders, auditors), in order of appearance."
    parties: [Party!]!
  }

  "An account as an auditor wants it named: the merchant it is, if any, and the roles it holds now."
  type Party {
    address: Address!
    merchant: Merchant
    "Active AccessManager grants (carrier, auditor, …); a grant whose since lies ahead takes effect then."
    roles: [RoleGrant!]!
  }

  type ProvenanceEvent {
    id: UInt256!
    "record, correction or transformation."
    kind: String!
    "How this item takes part: subject, input or output."
    role: String
    recorder: Address!
    itemIds: [Bytes32!]!
    outputIds: [Bytes32!]
    "When it happened, as the recorder stated; null when it stated none, which means at recordedAt."
    eventTime: Timestamp
    bizStep: String
    disposition: String
    location: String
    evidenceCid: CID!
    evidenceUrl: String!
    "The event this one corrects."
    corrects: UInt256
    "Corrections of this event, oldest first; the last is in force."
    corrections: [ProvenanceEvent!]!
    blockNumber: Int!
    txHash: String!
    "Time of the block that recorded the event."
    recordedAt: Timestamp!
  }
  type CustodyTransfer {
    from: Address!
    to: Address!
    stage: String!
    blockNumber: Int!
    logIndex: Int!
    txHash: String!
    at: Timestamp!
  }
  type AggregationLink {
    childId: Bytes32!
    containerId: Bytes32!
    action: String!
    orderId: UInt256
    custodian: Address!
    blockNumber: Int!
    logIndex: Int!
    txHash: String!
    at: Timestamp!
  }
  type Attestation {
    auditor: Address!
    statementCid: CID!
    blockNumber: Int!
    logIndex: Int!
    txHash: String!
    at: Timestamp!
  }
`;

const provenanceResolvers = (provenance: ProvenanceService, documents: DocumentsService) => ({
  Query: {
    item: (_: unknown, args: { id: string }) => provenance.item(args.id),
    provenance: (_: unknown, args: { itemId: string }) => provenance.trace(args.itemId),
    provenanceExport: (_: unknown, args: { itemId: string }) => provenance.epcis(args.itemId),
  },
  Item: {
    listing: async (item: ItemRow, _: unknown, context: ApiContext) =>
      (await context.loaders.listing.load(item.listingId)) ?? null,
    container: async (item: ItemRow, _: unknown, context: ApiContext) =>
      item.containerId ? ((await context.loaders.item.load(item.containerId)) ?? null) : null,
  },
  ProvenanceEvent: {
    role: (event: { role?: string }) => event.role ?? null,
    corrections: (event: { corrections?: unknown[] }) => event.corrections ?? [],
    evidenceUrl: (event: { evidenceCid: string }) => documents.gatewayUrl(event.evidenceCid),
  },
  ProvenanceTrace: {
    parties: (trace: TraceRow) => partiesOf(trace).map((address) => ({ address })),
  },
  Party: {
    merchant: async (party: { address: string }, _: unknown, context: ApiContext) =>
      (await context.loaders.merchant.load(party.address)) ?? null,
    roles: (party: { address: string }, _: unknown, context: ApiContext) =>
      context.loaders.activeRoles.load(party.address),
  },
  CustodyTransfer: {
    from: (transfer: { fromAccount: string }) => transfer.fromAccount,
    to: (transfer: { toAccount: string }) => transfer.toAccount,
  },
});

@GraphqlSchemaPart()
@Injectable()
export class ProvenanceResolver implements SchemaPart {
  readonly typeDefs = provenanceTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(ProvenanceService) provenance: ProvenanceService,
    @Inject(DocumentsService) documents: DocumentsService,
  ) {
    this.resolvers = provenanceResolvers(provenance, documents);
  }
}
