import { Inject, Injectable } from "@nestjs/common";
import { pageSize } from "../common/connection.ts";
import type { ApiContext } from "../common/context.ts";
import { CONFIG } from "../common/tokens.ts";
import { decodeKeyset, keysetConnection } from "../common/keyset-cursor.ts";
import type { ApiConfig } from "../config.ts";
import { GraphqlSchemaPart, type SchemaPart } from "../graphql/schema-part.ts";
import {
  AuditService,
  type AttestationKey,
  type AttestationRow,
  type EventKey,
  type ItemFilter,
  type ItemKey,
} from "./audit.service.ts";
import { epcClassMatch, type EventFilter } from "./event-filter.ts";
import { type EventRow, type ItemRow, ProvenanceService } from "./provenance.service.ts";

const auditTypeDefs = /* GraphQL */ `
  type Query {
    """
    Recorded events, corrections and transformations of the whole ledger that match every given filter, in chain
    order (block, then event id). Keyset pages: pass a page's endCursor as after.
    """
    provenanceEvents(filter: ProvenanceEventFilter, first: Int = 20, after: String): ProvenanceEventConnection!
    "Registered items (and batches, containers) that match every given filter, in order of registration."
    items(filter: ItemFilter, first: Int = 20, after: String): ItemConnection!
    "Attestations by an auditor, of an item, or both, in chain order."
    attestations(auditor: Address, item: Bytes32, first: Int = 20, after: String): AttestationConnection!
  }

  input ProvenanceEventFilter {
    "A CBV business step, as a URI or its short name: shipping is urn:epcglobal:cbv:bizstep:shipping."
    bizStep: String
    "A CBV disposition, as a URI or its short name."
    disposition: String
    "The location id (read point and business location), e.g. urn:epc:id:sgln:0614141.00002.0."
    location: String
    "The account that recorded the event (a transformation's custodian)."
    party: Address
    "Events naming this item, as subject, input or output."
    item: Bytes32
    "Events naming an item of this EPC class, an EPC pattern: urn:epc:idpat:sgtin:0614141.107346.*"
    epcClass: String
    "EPCIS eventTime (stated by the recorder, else the block's) at or after this."
    from: Timestamp
    "EPCIS eventTime before this."
    to: Timestamp
  }

  enum ItemStatus {
    Active
    Consumed
  }

  input ItemFilter {
    "The merchant that registered the item."
    merchant: Address
    listing: Bytes32
    status: ItemStatus
  }

  type ProvenanceEventConnection { edges: [ProvenanceEventEdge!]! nodes: [ProvenanceEvent!]! pageInfo: PageInfo! }
  type ProvenanceEventEdge { node: ProvenanceEvent! cursor: String! }
  type ItemConnection { edges: [ItemEdge!]! nodes: [Item!]! pageInfo: PageInfo! }
  type ItemEdge { node: Item! cursor: String! }
  type AttestationConnection { edges: [AttestationEdge!]! nodes: [Attestation!]! pageInfo: PageInfo! }
  type AttestationEdge { node: Attestation! cursor: String! }

  extend type Attestation {
    itemId: Bytes32!
    item: Item
  }
`;

interface EventFilterInput {
  bizStep?: string | null;
  disposition?: string | null;
  location?: string | null;
  party?: string | null;
  item?: string | null;
  epcClass?: string | null;
  from?: number | null;
  to?: number | null;
}

type Page = { first?: number | null; after?: string | null };

/** The GraphQL filter as the service's: one value per field, the EPC class as an EPC prefix. */
function eventFilterOf(input: EventFilterInput | null | undefined): EventFilter {
  const one = (value: string | null | undefined) => (value == null ? undefined : [value]);
  return {
    bizSteps: one(input?.bizStep),
    dispositions: one(input?.disposition),
    locations: one(input?.location),
    recorders: one(input?.party),
    items: [
      ...(input?.item == null ? [] : [{ ids: [input.item] }]),
      ...(input?.epcClass == null ? [] : [{ epcs: [epcClassMatch(input.epcClass, "filter.epcClass")] }]),
    ],
    eventTime: { from: input?.from ?? undefined, to: input?.to ?? undefined },
  };
}

const orNone = <T>(value: T | null | undefined) => (value == null ? undefined : value);

const auditResolvers = (audit: AuditService, provenance: ProvenanceService, maxPageSize: number) => {
  const limitOf = (page: Page) => pageSize(page.first, maxPageSize);
  return {
    Query: {
      provenanceEvents: async (_: unknown, args: Page & { filter?: EventFilterInput | null }) => {
        const limit = limitOf(args);
        const filter = eventFilterOf(args.filter);
        const after = args.after ? (decodeKeyset(args.after, "events", ["int", "uint"], "after") as EventKey) : null;
        const rows = await audit.events(filter, limit, after);
        const page = rows.slice(0, limit);
        const corrections = await provenance.corrections(page.map((event) => event.id));
        const withCorrections = rows.map((event) => ({ ...event, corrections: corrections.get(event.id) ?? [] }));
        return keysetConnection(withCorrections, limit, "events", eventKey, after !== null);
      },
      items: async (_: unknown, args: Page & { filter?: ItemFilter | null }) => {
        const limit = limitOf(args);
        const after = args.after ? (decodeKeyset(args.after, "items", ["int", "hex"], "after") as ItemKey) : null;
        const filter = {
          merchant: orNone(args.filter?.merchant),
          listing: orNone(args.filter?.listing),
          status: orNone(args.filter?.status),
        };
        const rows = await audit.items(filter, limit, after);
        return keysetConnection(rows, limit, "items", (item: ItemRow) => [item.registeredBlock, item.id], !!after);
      },
      attestations: async (_: unknown, args: Page & { auditor?: string | null; item?: string | null }) => {
        const limit = limitOf(args);
        const after = args.after
          ? (decodeKeyset(args.after, "attestations", ["int", "int"], "after") as AttestationKey)
          : null;
        const rows = await audit.attestations({ auditor: orNone(args.auditor), item: orNone(args.item) }, limit, after);
        const keyOf = (row: AttestationRow) => [row.blockNumber, row.logIndex];
        return keysetConnection(rows, limit, "attestations", keyOf, after !== null);
      },
    },
    Attestation: {
      item: async (row: AttestationRow, _: unknown, context: ApiContext) =>
        (await context.loaders.item.load(row.itemId)) ?? null,
    },
  };
};

const eventKey = (event: EventRow) => [event.blockNumber, event.id];

@GraphqlSchemaPart()
@Injectable()
export class AuditResolver implements SchemaPart {
  readonly typeDefs = auditTypeDefs;
  readonly resolvers;

  constructor(
    @Inject(AuditService) audit: AuditService,
    @Inject(ProvenanceService) provenance: ProvenanceService,
    @Inject(CONFIG) config: ApiConfig,
  ) {
    this.resolvers = auditResolvers(audit, provenance, config.limits.maxPageSize);
  }
}
