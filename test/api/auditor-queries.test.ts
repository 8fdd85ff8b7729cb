import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Hex } from "viem";
import type { Database } from "../../indexer/src/store/db.ts";
import { openDatabase } from "../../indexer/src/store/db.ts";
import { readCursor } from "../../indexer/src/store/sync-state.ts";
import { applyBatch } from "../../indexer/src/sync/apply.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { codeOf, gql } from "./helpers/graphql.ts";
import { eventIdOf } from "../../sdk/epcis.ts";
import {
  AUDITORS,
  BIZ,
  bizStepOf,
  DISP,
  epcMatches,
  GeneratedLedger,
  inChainOrder,
  LISTINGS,
  LOCATIONS,
  RECORDERS,
  type RefEvent,
  sameTerm,
  timeOfBlock,
} from "./helpers/provenance-reference.ts";

const CHAIN_ID = 31337;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const EVENTS = `query($f: ProvenanceEventFilter, $first: Int, $after: String) {
  provenanceEvents(filter: $f, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } nodes { id kind corrections { id } } } }`;
const ITEMS = `query($f: ItemFilter, $first: Int, $after: String) {
  items(filter: $f, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } nodes { id status } } }`;
const ATTESTATIONS = `query($auditor: Address, $item: Bytes32, $first: Int, $after: String) {
  attestations(auditor: $auditor, item: $item, first: $first, after: $after) {
    pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } nodes { blockNumber logIndex itemId } } }`;

describe("auditor queries (GraphQL lists and GET /epcis/events) against a brute-force reference", () => {
  const ledger = new GeneratedLedger(7);
  let database: Database;
  let api: Awaited<ReturnType<typeof startTestApi>>;

  /** Commits `blocks` more generated blocks through the indexer's own applyBatch and handlers. */
  const grow = async (blocks: number) => {
    const { events, head } = ledger.generate(blocks);
    const cursor = await readCursor(database.db);
    const header = { ...head, parentHash: (cursor?.hash ?? `0x${"0".repeat(64)}`) as Hex };
    await applyBatch(database.db, {
      chainId: CHAIN_ID,
      events,
      head: header,
      headers: [],
      finalizedThrough: head.number,
    });
  };

  before(async () => {
    database = await openDatabase("memory://");
    await grow(160);
    api = await startTestApi(database);
  });
  after(async () => {
    await api?.close();
    await database?.close();
  });

  const epcOf = (id: string) => ledger.items.find((item) => item.id === id)!.epc;
  const named = (event: RefEvent) => [...event.subjects, ...event.inputs, ...event.outputs];
  const reference = (keep: (event: RefEvent) => boolean) =>
    inChainOrder(ledger.events.filter(keep)).map((event) => event.id);

  /** Every page of a connection, `first` rows at a time; checks each page's size and pageInfo. */
  async function pages<T>(query: string, field: string, variables: Record<string, unknown>, first: number) {
    const nodes: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; ; page++) {
      const result: Awaited<ReturnType<typeof gql<Record<string, any>>>> = await gql(api.graphqlUrl, query, {
        ...variables,
        first,
        after: cursor,
      });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      const connection = result.data![field];
      assert.ok(connection.nodes.length <= first);
      assert.equal(connection.pageInfo.hasPreviousPage, page > 0);
      assert.deepEqual(
        connection.edges.map((edge: { cursor: string }) => edge.cursor).at(-1) ?? null,
        connection.pageInfo.endCursor,
      );
      nodes.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) return nodes;
      assert.equal(connection.nodes.length, first, "a page before the last is full");
      cursor = connection.pageInfo.endCursor;
    }
  }

  describe("provenanceEvents", () => {
    const busyItem = () =>
      ledger.items
        .map((item) => ({ item, count: ledger.events.filter((event) => named(event).includes(item.id)).length }))
        .sort((a, b) => b.count - a.count)[0].item;
    const middle = () => timeOfBlock(80);
    const cases: [string, () => Record<string, unknown>, (event: RefEvent) => boolean][] = [
      ["no filter", () => ({}), () => true],
      ["bizStep as a URI", () => ({ bizStep: `${BIZ}shipping` }), (e) => bizStepOf(e) === `${BIZ}shipping`],
      [
        "bizStep as a short name, matching events that stored the URI",
        () => ({ bizStep: "receiving" }),
        (e) => sameTerm(bizStepOf(e), ["receiving"], BIZ),
      ],
      [
        "bizStep as a URI, matching events that stored the short name",
        () => ({ bizStep: `${BIZ}inspecting` }),
        (e) => e.bizStep === "inspecting",
      ],
      [
        "bizStep transforming: the transformations",
        () => ({ bizStep: "transforming" }),
        (e) => e.kind === "transformation",
      ],
      ["disposition", () => ({ disposition: "in_transit" }), (e) => e.disposition === `${DISP}in_transit`],
      ["location", () => ({ location: LOCATIONS[2] }), (e) => e.location === LOCATIONS[2]],
      ["party", () => ({ party: RECORDERS[1] }), (e) => e.recorder === RECORDERS[1]],
      ["item (subject, input or output)", () => ({ item: busyItem().id }), (e) => named(e).includes(busyItem().id)],
      [
        "epcClass",
        () => ({ epcClass: "urn:epc:idpat:sgtin:0614141.107341.*" }),
        (e) => named(e).some((id) => epcOf(id).startsWith("urn:epc:id:sgtin:0614141.107341.")),
      ],
      ["from", () => ({ from: iso(middle()) }), (e) => e.eventTime >= middle()],
      ["to", () => ({ to: iso(middle()) }), (e) => e.eventTime < middle()],
      [
        "several at once",
        () => ({
          bizStep: "storing",
          party: RECORDERS[0].toUpperCase().replace("0X", "0x"),
          from: iso(timeOfBlock(20)),
        }),
        (e) => sameTerm(e.bizStep, ["storing"], BIZ) && e.recorder === RECORDERS[0] && e.eventTime >= timeOfBlock(20),
      ],
    ];
    for (const [name, filter, keep] of cases)
      it(`pages through ${name} exactly as the reference lists it`, async () => {
        const expected = reference(keep);
        assert.ok(expected.length > 0 || name.startsWith("no"), `${name} selects something`);
        const got = await pages<{ id: string }>(EVENTS, "provenanceEvents", { f: filter() }, 7);
        assert.deepEqual(
          got.map((node) => node.id),
          expected,
        );
        if (name !== "no filter") assert.ok(expected.length < ledger.events.length, `${name} leaves some out`);
      });

    it("yields the reference list whatever the page size, with each event's corrections", async () => {
      const expected = reference(() => true);
      for (const first of [1, 13, 100]) {
        const got = await pages<{ id: string; corrections: { id: string }[] }>(EVENTS, "provenanceEvents", {}, first);
        assert.deepEqual(
          got.map((node) => node.id),
          expected,
          `first: ${first}`,
        );
        for (const node of got)
          assert.deepEqual(
            node.corrections.map((correction) => correction.id),
            reference((event) => event.corrects === node.id),
          );
      }
    });

    it("refuses a foreign cursor or one of another list (naming after), a too large page (naming first)", async () => {
      const items = await gql(api.graphqlUrl, ITEMS, { first: 1 });
      const foreign = items.data!.items.pageInfo.endCursor;
      for (const after of ["garbage", foreign, Buffer.from('{"l":"events","k":[1,"x"]}').toString("base64url")]) {
        const result = await gql(api.graphqlUrl, EVENTS, { first: 5, after });
        assert.equal(codeOf(result), "BAD_USER_INPUT", after);
        assert.equal(result.errors![0].extensions!.field, "after");
      }
      const tooMany = await gql(api.graphqlUrl, EVENTS, { first: 101 });
      assert.equal(tooMany.errors![0].extensions!.field, "first");
      for (const epcClass of ["urn:epc:id:sgtin:0614141.107341.1", "urn:epc:idpat:sgtin:*.107341.1"]) {
        const result = await gql(api.graphqlUrl, EVENTS, { f: { epcClass } });
        assert.equal(codeOf(result), "BAD_USER_INPUT");
        assert.equal(result.errors![0].extensions!.field, "filter.epcClass");
      }
    });
  });

  describe("items and attestations", () => {
    const itemCases: [string, Record<string, unknown>, (item: (typeof ledger.items)[number]) => boolean][] = [
      ["no filter", {}, () => true],
      ["merchant", { merchant: RECORDERS[2] }, (item) => item.registeredBy === RECORDERS[2]],
      ["listing", { listing: LISTINGS[1] }, (item) => item.listingId === LISTINGS[1]],
      ["status", { status: "Consumed" }, (item) => item.status === "Consumed"],
      [
        "several at once",
        { status: "Active", listing: LISTINGS[0], merchant: RECORDERS[3] },
        (item) => item.status === "Active" && item.listingId === LISTINGS[0] && item.registeredBy === RECORDERS[3],
      ],
    ];
    for (const [name, filter, keep] of itemCases)
      it(`lists items by ${name} as the reference does, in registration order`, async () => {
        const expected = ledger.items
          .filter(keep)
          .sort((a, b) => a.registeredBlock - b.registeredBlock || (a.id < b.id ? -1 : 1))
          .map((item) => item.id);
        assert.ok(expected.length > 0);
        const got = await pages<{ id: string }>(ITEMS, "items", { f: filter }, 6);
        assert.deepEqual(
          got.map((node) => node.id),
          expected,
        );
      });

    const attestationCases: [string, () => Record<string, string>][] = [
      ["no filter", () => ({})],
      ["auditor", () => ({ auditor: AUDITORS[1] })],
      ["item", () => ({ item: ledger.attestations[3].itemId })],
      ["auditor and item", () => ({ auditor: ledger.attestations[3].auditor, item: ledger.attestations[3].itemId })],
    ];
    for (const [name, args] of attestationCases)
      it(`lists attestations by ${name} as the reference does, in chain order`, async () => {
        const { auditor, item } = args();
        const expected = ledger.attestations
          .filter((row) => (!auditor || row.auditor === auditor) && (!item || row.itemId === item))
          .map((row) => `${row.block}:${row.logIndex}:${row.itemId}`);
        assert.ok(expected.length > 0);
        const got = await pages<{ blockNumber: number; logIndex: number; itemId: string }>(
          ATTESTATIONS,
          "attestations",
          args(),
          4,
        );
        assert.deepEqual(
          got.map((node) => `${node.blockNumber}:${node.logIndex}:${node.itemId}`),
          expected,
        );
      });
  });

  describe("GET /epcis/events", () => {
    const eventIdsOf = (ids: string[]) => ids.map((id) => eventIdOf(CHAIN_ID, `provenance-event:${id}`));

    /** Every page, following the Link rel="next" header; checks the document and headers of each. */
    async function restPages(query: string, perPage: number) {
      let path: string | null = `/epcis/events?${query}${query ? "&" : ""}perPage=${perPage}`;
      const events: Record<string, any>[] = [];
      while (path) {
        const response: Response = await fetch(`${api.url}${path}`);
        const body = (await response.json()) as Record<string, any>;
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.match(response.headers.get("content-type")!, /^application\/ld\+json/);
        assert.equal(response.headers.get("gs1-epcis-version"), "2.0.0");
        assert.equal(body.type, "EPCISQueryDocument");
        assert.equal(body.schemaVersion, "2.0");
        assert.equal(body["@context"][0], "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
        const list = body.epcisBody.queryResults.resultsBody.eventList;
        assert.ok(list.length <= perPage);
        events.push(...list);
        const link = response.headers.get("link");
        path = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : null;
        if (path) assert.equal(list.length, perPage, "a page before the last is full");
      }
      return events;
    }

    const subjectEpcs = (e: RefEvent) => e.subjects.map(epcOf);
    const window = [timeOfBlock(40) + 0.5, timeOfBlock(120)];
    /** The EPC of the item most events name as their subject. */
    const busyEpc = () =>
      ledger.items
        .map((item) => ({ epc: item.epc, count: ledger.events.filter((e) => e.subjects.includes(item.id)).length }))
        .sort((a, b) => b.count - a.count)[0].epc;
    const cases: [string, string | (() => string), (event: RefEvent) => boolean][] = [
      ["no parameter", "", () => true],
      [
        "EQ_bizStep, two values comma-separated",
        "EQ_bizStep=shipping,urn:epcglobal:cbv:bizstep:inspecting",
        (e) => sameTerm(bizStepOf(e), ["shipping", "inspecting"], BIZ),
      ],
      [
        "EQ_bizStep, repeated",
        "EQ_bizStep=storing&EQ_bizStep=transforming",
        (e) => sameTerm(bizStepOf(e), ["storing", "transforming"], BIZ),
      ],
      ["EQ_disposition", "EQ_disposition=active", (e) => sameTerm(e.disposition, ["active"], DISP)],
      ["EQ_bizLocation", `EQ_bizLocation=${LOCATIONS[0]}`, (e) => e.location === LOCATIONS[0]],
      ["EQ_readPoint", `EQ_readPoint=${LOCATIONS[1]}`, (e) => e.location === LOCATIONS[1]],
      [
        "GE_eventTime and LT_eventTime (fractional seconds)",
        `GE_eventTime=${new Date(window[0] * 1000).toISOString()}&LT_eventTime=${iso(window[1])}`,
        (e) => e.eventTime >= window[0] && e.eventTime < window[1],
      ],
      [
        "GE_recordTime and LT_recordTime",
        `GE_recordTime=${iso(timeOfBlock(60))}&LT_recordTime=${iso(timeOfBlock(90))}`,
        (e) => e.recordTime >= timeOfBlock(60) && e.recordTime < timeOfBlock(90),
      ],
      ["eventType TransformationEvent", "eventType=TransformationEvent", (e) => e.kind === "transformation"],
      ["eventType ObjectEvent", "eventType=ObjectEvent", (e) => e.kind !== "transformation"],
      ["eventType AggregationEvent (none here)", "eventType=AggregationEvent", () => false],
      ["EQ_action OBSERVE", "EQ_action=OBSERVE", (e) => e.kind !== "transformation"],
      ["MATCH_epc, an EPC", () => `MATCH_epc=${busyEpc()}`, (e) => subjectEpcs(e).includes(busyEpc())],
      [
        "MATCH_epc, a pattern",
        "MATCH_epc=urn:epc:idpat:sgtin:0614141.107340.*",
        (e) => subjectEpcs(e).some((epc) => epcMatches(epc, ["urn:epc:idpat:sgtin:0614141.107340.*"])),
      ],
      [
        "MATCH_inputEPC",
        "MATCH_inputEPC=urn:epc:idpat:lgtin:0614141.107346.*",
        (e) => e.inputs.map(epcOf).some((epc) => epc.startsWith("urn:epc:id:lgtin:0614141.107346.")),
      ],
      [
        "MATCH_outputEPC",
        "MATCH_outputEPC=urn:epc:idpat:sgtin:0614141.*.*",
        (e) => e.outputs.map(epcOf).some((epc) => epc.startsWith("urn:epc:id:sgtin:0614141.")),
      ],
      [
        "MATCH_anyEPC",
        "MATCH_anyEPC=urn:epc:idpat:lgtin:0614141.107346.*",
        (e) =>
          named(e)
            .map(epcOf)
            .some((epc) => epc.startsWith("urn:epc:id:lgtin:0614141.107346.")),
      ],
      [
        "MATCH_epcClass",
        "MATCH_epcClass=urn:epc:idpat:sgtin:0614141.107341.*",
        (e) => subjectEpcs(e).some((epc) => epc.startsWith("urn:epc:id:sgtin:0614141.107341.")),
      ],
      [
        "MATCH_anyEPCClass",
        "MATCH_anyEPCClass=urn:epc:idpat:sgtin:0614141.107340.*",
        (e) =>
          named(e)
            .map(epcOf)
            .some((epc) => epc.startsWith("urn:epc:id:sgtin:0614141.107340.")),
      ],
      [
        "several at once",
        `EQ_bizStep=receiving&MATCH_anyEPC=urn:epc:idpat:sgtin:0614141.107341.*&GE_eventTime=${iso(timeOfBlock(30))}`,
        (e) =>
          sameTerm(bizStepOf(e), ["receiving"], BIZ) &&
          named(e).some((id) => epcOf(id).startsWith("urn:epc:id:sgtin:0614141.107341.")) &&
          e.eventTime >= timeOfBlock(30),
      ],
    ];
    for (const [name, query, keep] of cases)
      it(`answers ${name} with the reference's events, page by page`, async () => {
        const expected = eventIdsOf(reference(keep));
        if (!name.includes("none")) assert.ok(expected.length > 0, `${name} selects something`);
        const events = await restPages(typeof query === "string" ? query : query(), 9);
        assert.deepEqual(
          events.map((event) => event.eventID),
          expected,
        );
      });

    it("maps each event as the item's EPCIS export does (one mapping)", async () => {
      const events = await restPages("", 100);
      const corrected = ledger.events.find(
        (event) =>
          event.kind === "record" && events.some((e) => e.eventID === eventIdsOf([event.id])[0] && e.errorDeclaration),
      )!;
      assert.ok(corrected, "some event was corrected");
      const itemId = corrected.subjects[0];
      const exported = await gql(api.graphqlUrl, "query($id: Bytes32!) { provenanceExport(itemId: $id) }", {
        id: itemId,
      });
      const exportedEvents: Record<string, unknown>[] = exported.data!.provenanceExport.epcisBody.eventList;
      const shown = events.filter((event) => exportedEvents.some((other) => other.eventID === event.eventID));
      assert.ok(shown.length > 1);
      for (const event of shown)
        assert.deepEqual(
          event,
          exportedEvents.find((other) => other.eventID === event.eventID),
        );
    });

    it("refuses unknown parameters and bad values: a 400 QueryParameterException naming the parameter", async () => {
      const items = await gql(api.graphqlUrl, ITEMS, { first: 1 });
      const refusals: [string, string][] = [
        ["EQ_colour=blue", "EQ_colour"],
        ["EQ_eventID=urn:uuid:1", "EQ_eventID"],
        ["GE_eventTime=yesterday", "GE_eventTime"],
        ["LT_eventTime=2026-01-01T00:00:00", "LT_eventTime"],
        [`GE_recordTime=${iso(1)}&GE_recordTime=${iso(2)}`, "GE_recordTime"],
        ["perPage=0", "perPage"],
        ["perPage=101", "perPage"],
        ["perPage=ten", "perPage"],
        ["nextPageToken=garbage", "nextPageToken"],
        [`nextPageToken=${items.data!.items.pageInfo.endCursor}`, "nextPageToken"],
        ["MATCH_epcClass=urn:epc:id:sgtin:0614141.107341.1", "MATCH_epcClass"],
        ["MATCH_epc=urn:epc:idpat:sgtin:*.107341.1", "MATCH_epc"],
        ["eventType=ShippingEvent", "eventType"],
        ["EQ_action=MOVE", "EQ_action"],
        ["EQ_bizStep=", "EQ_bizStep"],
        ["EQ_disposition=active,,in_transit", "EQ_disposition"],
      ];
      for (const [query, parameter] of refusals) {
        const response = await fetch(`${api.url}/epcis/events?${query}`);
        assert.equal(response.status, 400, query);
        assert.match(response.headers.get("content-type")!, /^application\/problem\+json/, query);
        const problem = (await response.json()) as { type: string; status: number; detail: string };
        assert.equal(problem.type, "epcisException:QueryParameterException", query);
        assert.equal(problem.status, 400);
        assert.ok(problem.detail.startsWith(`${parameter}: `), `${query}: ${problem.detail}`);
      }
    });

    it("limits requests per client like /graphql: 429 with Retry-After", async () => {
      const limited = await startTestApi(database, { RATE_LIMIT_PER_MINUTE: "2" });
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/epcis/events?perPage=1`)).status);
        assert.deepEqual(statuses, [200, 200, 429]);
        const refused = await fetch(`${limited.url}/epcis/events`);
        assert.ok(Number(refused.headers.get("retry-after")) > 0);
        assert.match(refused.headers.get("content-type")!, /^application\/problem\+json/);
      } finally {
        await limited.close();
      }
    });
  });

  it("keeps a keyset page's place while new events arrive: the rest follows it, new events at the end", async () => {
    const first = await gql(api.graphqlUrl, EVENTS, { first: 10 });
    const seen = first.data!.provenanceEvents.nodes.map((node: { id: string }) => node.id);
    const cursor = first.data!.provenanceEvents.pageInfo.endCursor;
    const before = ledger.events.length;
    await grow(10);
    assert.ok(ledger.events.length > before, "new events were recorded");
    const rest: string[] = [];
    let after = cursor;
    for (;;) {
      const result = await gql(api.graphqlUrl, EVENTS, { first: 25, after });
      const connection = result.data!.provenanceEvents;
      rest.push(...connection.nodes.map((node: { id: string }) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    assert.deepEqual(
      [...seen, ...rest],
      reference(() => true),
    );
  });
});
