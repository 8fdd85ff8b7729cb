import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createPublicClient, http, keccak256, toHex, zeroHash, type Hex } from "viem";
import { verifyExport } from "../../sdk/proofs/verify-export.ts";
import { EVIDENCE_CID } from "../fixtures/provenance.ts";
import { chainActivity } from "../indexer/helpers/activity.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount, type ApiSystem } from "./helpers/api-system.ts";
import { gql } from "./helpers/graphql.ts";

const run = promisify(execFile);
type EpcisEvent = Record<string, unknown> & { eventID: string; "cl:proof"?: { proof: { receipt: Hex } } };
interface Export {
  "cl:indexedThrough": number;
  epcisBody: { eventList: EpcisEvent[] };
}

/**
 * Exports anyone can verify, over the indexed demo ledger of `systemOf()`: run last by api.system.test.ts, since
 * its final test reorganises the chain.
 */
export function exportProofsSuite(systemOf: () => ApiSystem) {
  describe("verifiable provenance exports, checked by `npm run auditor -- verify` against the node alone", () => {
    let system: ApiSystem;
    let api: Awaited<ReturnType<typeof startTestApi>>;
    let itemId: string;
    let original: Export;
    const directory = mkdtempSync(join(tmpdir(), "export-proofs-"));
    const copy = (): Export => structuredClone(original);

    const exportOf = async (id: string): Promise<Export> => {
      const result = await gql(api.graphqlUrl, "query($id: Bytes32!) { provenanceExport(itemId: $id) }", { id });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      return result.data!.provenanceExport;
    };
    /** `npm run auditor -- verify` on `document`: its exit code and what it printed. */
    const verifyCli = async (document: Export, name: string) => {
      const file = join(directory, `${name}.json`);
      writeFileSync(file, JSON.stringify(document));
      const args = ["scripts/auditor/main.ts", "verify", file, "--rpc", system.ledger.rpcUrl];
      return run(process.execPath, args).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );
    };
    const verify = (document: Export, through?: number) =>
      verifyExport(createPublicClient({ transport: http(system.ledger.rpcUrl) }), document, {
        provenance: system.ledger.deployment.contracts.Provenance.address,
        through,
      });
    const problems = (findings: { eventID: string | null; problem: string }[]) =>
      findings.map(({ eventID, problem }) => ({ eventID, problem }));

    before(async () => {
      system = systemOf();
      process.env.DEPLOYMENTS_DIR = system.ledger.deploymentsDir;
      api = await startTestApi(system.indexing.database, { RPC_URL: system.ledger.rpcUrl });
      ({ itemId } = system.ledger.demo.provenance as { itemId: string });
      original = await exportOf(itemId);
    });
    after(async () => {
      await api?.close();
    });

    it("proves every event of the demo's roasted lot, and the auditor's check passes", async () => {
      const events = original.epcisBody.eventList;
      assert.ok(events.length >= 6, `a trace with transformation, packing and custody (${events.length} events)`);
      assert.ok(
        events.every((event) => event["cl:proof"] && event["cl:blockHash"] && event["cl:logIndex"] !== undefined),
      );
      const { code, stdout } = await verifyCli(original, "untouched");
      assert.equal(code, 0, stdout);
      assert.match(stdout, /verified: every event is proven on the canonical chain/);
    });

    it("refuses an event whose content was changed, naming the event and the field", async () => {
      const tampered = copy();
      const target = tampered.epcisBody.eventList.find((event) => event.type === "AggregationEvent")!;
      target.bizStep = "urn:epcglobal:cbv:bizstep:receiving";
      const { code, stdout } = await verifyCli(tampered, "tampered");
      assert.equal(code, 1);
      assert.match(stdout, /refused: 1 finding/);
      assert.ok(stdout.includes(`tampered      ${target.eventID}: bizStep says`), stdout);

      const moved = copy();
      const [first] = moved.epcisBody.eventList;
      first.eventTime = "2001-01-01T00:00:00.000Z";
      const { findings } = await verify(moved);
      assert.deepEqual(problems(findings), [{ eventID: first.eventID, problem: "tampered" }]);
      assert.match(findings[0].detail, /^eventTime says "2001-01-01T00:00:00.000Z", the chain says "20/);
    });

    it("refuses a forged receipt and an event stripped of its proof", async () => {
      const forged = copy();
      const [, second, third] = forged.epcisBody.eventList;
      const receipt = second["cl:proof"]!.proof.receipt;
      second["cl:proof"]!.proof.receipt = `${receipt.slice(0, -2)}${receipt.endsWith("00") ? "01" : "00"}` as Hex;
      delete third["cl:proof"];
      const { findings } = await verify(forged);
      // Neither event can stand for its log any more, so their logs count as left out too.
      assert.deepEqual(problems(findings), [
        { eventID: second.eventID, problem: "tampered" },
        { eventID: third.eventID, problem: "unproven" },
        { eventID: null, problem: "omitted" },
        { eventID: null, problem: "omitted" },
      ]);
      assert.match(findings[0].detail, /receipt proof does not verify against block \d+'s receiptsRoot/);
      assert.match(findings[2].detail, new RegExp(`^\\w+ at block ${second["cl:blockNumber"]} `));
      assert.match(findings[3].detail, new RegExp(`^\\w+ at block ${third["cl:blockNumber"]} `));
    });

    it("finds the chain's events of the item that the export leaves out", async () => {
      const trimmed = copy();
      const packing = trimmed.epcisBody.eventList.findIndex(
        (event) => event.type === "AggregationEvent" && event.action === "ADD",
      );
      const [left] = trimmed.epcisBody.eventList.splice(packing, 1);
      const { code, stdout } = await verifyCli(trimmed, "omitted");
      assert.equal(code, 1);
      assert.match(stdout, /refused: 1 finding/);
      assert.ok(
        stdout.includes(`omitted       (not in the export): ItemsAggregated at block ${left["cl:blockNumber"]} (log `),
        stdout,
      );
    });

    it("refuses a removed or invented errorDeclaration and any field the chain does not say", async () => {
      const corrected = (document: Export) => document.epcisBody.eventList.find((event) => event.errorDeclaration)!;
      const undeclared = copy();
      delete corrected(undeclared).errorDeclaration;
      const { findings } = await verify(undeclared);
      assert.deepEqual(problems(findings), [{ eventID: corrected(original).eventID, problem: "tampered" }]);
      assert.match(findings[0].detail, /^errorDeclaration says nothing, the chain says \{"declarationTime"/);

      const invented = copy();
      const [registration] = invented.epcisBody.eventList;
      registration.errorDeclaration = corrected(original).errorDeclaration;
      registration.ilmd = { bestBeforeDate: "2099-01-01" };
      const refused = await verify(invented);
      assert.deepEqual(problems(refused.findings), [{ eventID: registration.eventID, problem: "tampered" }]);
      assert.equal(refused.findings[0].detail, "errorDeclaration is not something the chain says of this event");
    });

    it("finds omitted events of the items the lot was made from and of the container it travelled in", async () => {
      const trimmed = copy();
      const events = trimmed.epcisBody.eventList;
      const origin = events.findIndex((event) => String(event.bizStep).endsWith("commissioning") && event.readPoint);
      const [fromOrigin] = events.splice(origin, 1);
      const departing = events.findIndex((event) => String(event.bizStep).endsWith("departing"));
      const [inTransit] = events.splice(departing, 1);
      const { findings } = await verify(trimmed);
      assert.deepEqual(problems(findings), [
        { eventID: null, problem: "omitted" },
        { eventID: null, problem: "omitted" },
      ]);
      assert.match(
        findings[0].detail,
        new RegExp(`^ProvenanceEventRecorded at block ${fromOrigin["cl:blockNumber"]} `),
      );
      assert.match(findings[1].detail, new RegExp(`^ProvenanceEventRecorded at block ${inTransit["cl:blockNumber"]} `));
    });

    it("trusts the auditor's Provenance contract, not the export's, and reports unproven events as such", async () => {
      const elsewhere = copy() as Export & { "cl:provenance": string };
      elsewhere["cl:provenance"] = devAccount(5).address;
      const { code, stderr } = await verifyCli(elsewhere, "elsewhere");
      assert.equal(code, 1);
      assert.match(stderr, /cl:provenance.*not of the ledger's Provenance contract 0x/);

      const unproving = await startTestApi(system.indexing.database, {});
      try {
        const result = await gql(unproving.graphqlUrl, "query($id: Bytes32!) { provenanceExport(itemId: $id) }", {
          id: itemId,
        });
        const bare: Export = result.data!.provenanceExport;
        const { findings } = await verify(bare);
        const unproven = findings.filter((finding) => finding.problem === "unproven");
        assert.equal(unproven.length, bare.epcisBody.eventList.length);
        assert.ok(findings.every((finding) => ["unproven", "omitted"].includes(finding.problem)));
      } finally {
        await unproving.close();
      }
    });

    it("refuses an export whose block a reorg has taken off the canonical chain", async () => {
      const chain = chainActivity(system.ledger.rpcUrl, system.ledger.deployment);
      const snapshot = await chain.snapshot();
      await chain.send("Provenance", "attest", [itemId, EVIDENCE_CID], devAccount(4).address);
      await system.catchUp();
      const attested = await exportOf(itemId);
      const attestation = attested.epcisBody.eventList.at(-1)!;
      assert.equal(attestation.certificationInfo, `ipfs://${EVIDENCE_CID}`);
      assert.deepEqual((await verify(attested)).findings, []);
      // The older export lacks the attestation: complete through its own block, it lists it as later...
      const older = await verify(original);
      assert.deepEqual([older.findings, problems(older.later)], [[], [{ eventID: null, problem: "omitted" }]]);
      assert.match(older.later[0].detail, /^ItemAttested at block \d+ /);
      // ...and refuses it when the auditor asks for completeness through the head. The CLI says it is outdated.
      const demanding = await verify(original, older.checkedThrough);
      assert.deepEqual(problems(demanding.findings), [{ eventID: null, problem: "omitted" }]);
      const outdated = await verifyCli(original, "outdated");
      assert.equal(outdated.code, 3, outdated.stdout);
      assert.match(outdated.stdout, /verified through block \d+ only: .* 1 later event\(s\) this export does not hold/);

      // Two containers handed to the lot's holder before an export, the lot packed into one, then the other, after
      // it: the older export lacks their registrations only because the trace gained them later. The newer one shows
      // both, the box's too although a transformation made it (one outside the trace, which made no item of it).
      const [merchant, holder] = [devAccount(6).address, devAccount(11).address];
      const newItem = (epc: string) => ({ itemId: keccak256(toHex(epc)), listingId: zeroHash, quantity: 1n, epc });
      const [scrap, crate, box] = ["scrap", "crate", "box"].map((name) => newItem(`urn:test:${name}`));
      await chain.send("Provenance", "registerItems", [[scrap, crate]], merchant);
      await chain.send("Provenance", "transform", [[scrap.itemId], [box], EVIDENCE_CID], merchant);
      for (const container of [crate, box]) {
        await chain.send("Provenance", "initiateHandoff", [container.itemId, holder], merchant);
        await chain.send("Provenance", "acceptHandoff", [container.itemId], holder);
      }
      await system.catchUp();
      const beforePacking = await exportOf(itemId);
      // Unchanged by these blocks, the export may come from the API's cache: ask for completeness through them.
      const handedOver = Number(await chain.publicClient.getBlockNumber());
      await chain.send("Provenance", "aggregate", [crate.itemId, [itemId], 0n], holder);
      await chain.send("Provenance", "disaggregate", [crate.itemId, [itemId]], holder);
      await chain.send("Provenance", "aggregate", [box.itemId, [itemId], 0n], holder);
      await system.catchUp();
      const packedLater = await verify(beforePacking, handedOver);
      assert.deepEqual(packedLater.findings, []);
      assert.deepEqual(
        packedLater.later.map((finding) => finding.detail.split(" ")[0]),
        ["ItemRegistered", "ItemRegistered", "ItemsAggregated", "ItemsDisaggregated", "ItemsAggregated"],
      );
      const packed = await exportOf(itemId);
      assert.deepEqual((await verify(packed)).findings, []);

      // The same event twice: one log stands for one event.
      const doubled = copy();
      doubled.epcisBody.eventList.push(structuredClone(doubled.epcisBody.eventList[1]));
      const twice = await verify(doubled);
      assert.deepEqual(problems(twice.findings), [
        { eventID: doubled.epcisBody.eventList[1].eventID, problem: "tampered" },
      ]);
      assert.match(twice.findings[0].detail, /another event of the export already stands for its log/);

      // A bound named just below an event the export leaves out does not make that event "later": the export's
      // newer events answer for it.
      const dodging = copy();
      const events = dodging.epcisBody.eventList;
      const dropped = events.findIndex((event) => event.type === "AggregationEvent" && event.action === "ADD");
      const [hidden] = events.splice(dropped, 1);
      dodging["cl:indexedThrough"] = Number(hidden["cl:blockNumber"]) - 1;
      const dodged = await verify(dodging);
      assert.deepEqual(problems(dodged.findings), [{ eventID: null, problem: "omitted" }]);
      assert.match(dodged.findings[0].detail, new RegExp(`^ItemsAggregated at block ${hidden["cl:blockNumber"]} `));

      await chain.revert(snapshot);
      await chain.mine(2);
      const { code, stdout } = await verifyCli(attested, "reorged");
      assert.equal(code, 1);
      assert.match(stdout, /refused: 1 finding/);
      assert.match(
        stdout,
        new RegExp(`non-canonical +${attestation.eventID}: block \\d+ 0x[0-9a-f]{64} is not canonical`),
      );
      await system.catchUp();
      assert.deepEqual((await verify(await exportOf(itemId))).findings, [], "the index follows the reorg");
    });
  });
}
