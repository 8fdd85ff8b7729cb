// A generated provenance ledger (events as the indexer's handlers receive them) and a brute-force model of the
// auditors' queries over it, written from the rules docs/api.md states, to check the API's answers against.
import { createHash } from "node:crypto";
import type { Hex } from "viem";
import type { ChainEvent } from "../../../indexer/src/handlers/types.ts";
import type { BlockHeader } from "../../../indexer/src/sync/rpc.ts";
import { randomSource } from "../../../scripts/bench/catalog.ts";

export const BIZ = "urn:epcglobal:cbv:bizstep:";
export const DISP = "urn:epcglobal:cbv:disp:";
const hash = (seed: string, bytes = 32) =>
  `0x${createHash("sha256")
    .update(seed)
    .digest("hex")
    .slice(0, bytes * 2)}` as Hex;
const T0 = 1_767_225_600;
export const timeOfBlock = (block: number) => T0 + 12 * block;

export const RECORDERS = [0, 1, 2, 3].map((i) => hash(`recorder ${i}`, 20));
export const AUDITORS = [0, 1, 2].map((i) => hash(`auditor ${i}`, 20));
export const LISTINGS = [0, 1, 2].map((i) => hash(`listing ${i}`));
export const LOCATIONS = ["00002", "00003", "00777"].map((site) => `urn:epc:id:sgln:0614141.${site}.0`);
/** Stored as written: mostly CBV URIs, some bare CBV names (the contract accepts any string). */
export const BIZ_STEPS = [`${BIZ}shipping`, `${BIZ}receiving`, `${BIZ}storing`, "inspecting"];
export const DISPOSITIONS = [`${DISP}in_transit`, `${DISP}in_progress`, "active"];
export const EPC_PREFIXES = [
  "urn:epc:id:sgtin:0614141.107340.",
  "urn:epc:id:sgtin:0614141.107341.",
  "urn:epc:id:lgtin:0614141.107346.",
];
const EVIDENCE = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

export interface RefItem {
  id: string;
  epc: string;
  listingId: string;
  registeredBy: string;
  status: "Active" | "Consumed";
  registeredBlock: number;
}
export interface RefEvent {
  id: string;
  block: number;
  kind: "record" | "correction" | "transformation";
  /** The event a correction corrects. */
  corrects: string | null;
  recorder: string;
  subjects: string[];
  inputs: string[];
  outputs: string[];
  bizStep: string | null;
  disposition: string | null;
  location: string | null;
  /** The EPCIS eventTime: stated, else the block's. */
  eventTime: number;
  recordTime: number;
}
export interface RefAttestation {
  block: number;
  logIndex: number;
  itemId: string;
  auditor: string;
}

/** A ledger grown block by block; `generate` adds blocks and returns their events, in chain order. */
export class GeneratedLedger {
  readonly items: RefItem[] = [];
  readonly events: RefEvent[] = [];
  readonly attestations: RefAttestation[] = [];
  #random: () => number;
  #block = 0;
  #nextEventId = 1;

  constructor(seed: number) {
    this.#random = randomSource(seed);
  }

  #pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.#random() * list.length)];
  }

  /** Blocks after the last one, each with one to four actions; returns their events and the last header. */
  generate(blocks: number): { events: ChainEvent[]; head: Omit<BlockHeader, "parentHash"> } {
    const out: ChainEvent[] = [];
    for (let n = 0; n < blocks; n++) {
      const number = ++this.#block;
      const header = { number, hash: hash(`block ${number}`), timestamp: timeOfBlock(number) };
      let logIndex = 0;
      const emit = (contract: "Provenance", name: string, args: Record<string, unknown>) =>
        out.push({
          contract,
          name,
          args,
          blockNumber: number,
          blockHash: header.hash,
          blockTimestamp: header.timestamp,
          logIndex: logIndex++,
          txHash: hash(`tx ${number} ${logIndex}`),
        });
      const register = () => {
        const item: RefItem = {
          id: hash(`item ${this.items.length}`),
          epc: `${this.#pick(EPC_PREFIXES)}${this.items.length}`,
          listingId: this.#pick(LISTINGS),
          registeredBy: this.#pick(RECORDERS),
          status: "Active",
          registeredBlock: number,
        };
        this.items.push(item);
        emit("Provenance", "ItemRegistered", {
          itemId: item.id,
          listingId: item.listingId,
          custodian: item.registeredBy,
          quantity: 1n,
          epc: item.epc,
        });
        return item;
      };
      const actions = 1 + Math.floor(this.#random() * 4);
      for (let a = 0; a < actions; a++) {
        const active = this.items.filter((item) => item.status === "Active");
        const roll = this.#random();
        if (active.length < 4 || roll < 0.2) register();
        else if (roll < 0.75) this.#record(active, number, header.timestamp, emit);
        else if (roll < 0.85) {
          const inputs = [...new Set([this.#pick(active), this.#pick(active)])];
          const output = register();
          for (const input of inputs) input.status = "Consumed";
          const id = String(this.#nextEventId++);
          const recorder = this.#pick(RECORDERS);
          this.events.push({
            id,
            block: number,
            kind: "transformation",
            corrects: null,
            recorder,
            subjects: [],
            inputs: inputs.map((item) => item.id),
            outputs: [output.id],
            bizStep: null,
            disposition: null,
            location: null,
            eventTime: header.timestamp,
            recordTime: header.timestamp,
          });
          emit("Provenance", "ItemsTransformed", {
            eventId: BigInt(id),
            custodian: recorder,
            inputIds: inputs.map((item) => item.id),
            outputIds: [output.id],
            evidenceCid: EVIDENCE,
          });
        } else {
          const attestation = { block: number, logIndex, itemId: this.#pick(this.items).id };
          const auditor = this.#pick(AUDITORS);
          this.attestations.push({ ...attestation, auditor });
          emit("Provenance", "ItemAttested", { itemId: attestation.itemId, auditor, statementCid: EVIDENCE });
        }
      }
    }
    const last = out.at(-1)!;
    return { events: out, head: { number: this.#block, hash: last.blockHash, timestamp: last.blockTimestamp } };
  }

  #record(
    active: RefItem[],
    block: number,
    time: number,
    emit: (contract: "Provenance", name: string, args: Record<string, unknown>) => void,
  ) {
    const subjects = [
      ...new Set([this.#pick(active), this.#pick(active), this.#pick(active)].slice(0, 1 + (block % 3))),
    ];
    const originals = this.events.filter((event) => event.kind === "record");
    const corrects = originals.length > 0 && this.#random() < 0.15 ? this.#pick(originals).id : null;
    const stated = this.#random() < 0.5 ? 0 : time - Math.floor(this.#random() * 7_200);
    const data = {
      eventTime: stated,
      bizStep: this.#pick(BIZ_STEPS),
      disposition: this.#pick(DISPOSITIONS),
      location: this.#pick(LOCATIONS),
      evidenceCid: EVIDENCE,
    };
    const id = String(this.#nextEventId++);
    const recorder = this.#pick(RECORDERS);
    this.events.push({
      id,
      block,
      kind: corrects ? "correction" : "record",
      corrects,
      recorder,
      subjects: subjects.map((item) => item.id),
      inputs: [],
      outputs: [],
      bizStep: data.bizStep,
      disposition: data.disposition,
      location: data.location,
      eventTime: stated || time,
      recordTime: time,
    });
    emit("Provenance", "ProvenanceEventRecorded", {
      eventId: BigInt(id),
      recorder,
      corrects: BigInt(corrects ?? 0),
      itemIds: subjects.map((item) => item.id),
      data,
    });
  }
}

// ─── The reference: the documented rules, row by row ─────────────────────────────────────────────
const normal = (value: string, prefix: string) =>
  value.startsWith(prefix) || value.includes(":") ? value : `${prefix}${value}`;
/** A CBV value matches its URI and its short name alike. */
export const sameTerm = (stored: string | null, wanted: string[], prefix: string) =>
  stored !== null && wanted.some((value) => normal(value, prefix) === normal(stored, prefix));
/** An event's EPCIS bizStep: a transformation's is `transforming`. */
export const bizStepOf = (event: RefEvent) => (event.kind === "transformation" ? `${BIZ}transforming` : event.bizStep);

/** Whether `epc` is one of `values`: EPCs as written, or EPC patterns `urn:epc:idpat:<scheme>:<fields>.*`. */
export function epcMatches(epc: string, values: string[]): boolean {
  return values.some((value) => {
    const pattern = /^urn:epc:idpat:([^:]+):(.+)$/.exec(value);
    if (!pattern) return epc === value;
    const fixed = pattern[2].split(".").filter((field) => field !== "*");
    const wild = pattern[2].split(".").length - fixed.length;
    const head = `urn:epc:id:${pattern[1]}:`;
    if (!epc.startsWith(head)) return false;
    const fields = epc.slice(head.length).split(".");
    const length = wild > 0 ? fields.length > fixed.length : fields.length === fixed.length;
    return length && fixed.every((field, i) => fields[i] === field);
  });
}

export const inChainOrder = (events: RefEvent[]) =>
  [...events].sort((a, b) => a.block - b.block || Number(BigInt(a.id) - BigInt(b.id)));
