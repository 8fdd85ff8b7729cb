import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";

/** The chain a journal belongs to: its genesis is fixed by the date the data directory was created. */
export interface JournalGenesis {
  /** ISO date handed to `hardhat node` as the genesis timestamp (CHAIN_GENESIS_DATE). */
  date: string;
  hash: Hex;
}

export interface JournalBlock {
  number: number;
  hash: Hex;
  timestamp: number;
  /** Raw signed transactions in block order. */
  transactions: Hex[];
}

/**
 * The local chain on disk: genesis.json plus blocks.jsonl, one line per mined block, appended and fsync'd
 * as blocks appear. A line torn by a crash is dropped on open; the blocks before it stay.
 */
export class BlockJournal {
  readonly blocks: JournalBlock[];
  #genesis: JournalGenesis | undefined;
  readonly #genesisPath: string;
  readonly #blocksPath: string;
  #fd: number;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.#genesisPath = join(dir, "genesis.json");
    this.#blocksPath = join(dir, "blocks.jsonl");
    this.#genesis = existsSync(this.#genesisPath)
      ? (JSON.parse(readFileSync(this.#genesisPath, "utf8")) as JournalGenesis)
      : undefined;
    this.blocks = existsSync(this.#blocksPath) ? readBlocks(this.#blocksPath) : [];
    this.#rewrite();
    this.#fd = openSync(this.#blocksPath, "a");
  }

  get genesis(): JournalGenesis | undefined {
    return this.#genesis;
  }

  setGenesis(genesis: JournalGenesis): void {
    writeDurably(this.#genesisPath, `${JSON.stringify(genesis, null, 2)}\n`);
    this.#genesis = genesis;
  }

  append(block: JournalBlock): void {
    writeSync(this.#fd, `${JSON.stringify(block)}\n`);
    fsyncSync(this.#fd);
    this.blocks.push(block);
  }

  /** Keeps the first `count` blocks: the rest were reverted on the node (evm_revert). */
  truncate(count: number): void {
    this.blocks.length = count;
    closeSync(this.#fd);
    this.#rewrite();
    this.#fd = openSync(this.#blocksPath, "a");
  }

  close(): void {
    closeSync(this.#fd);
  }

  #rewrite(): void {
    writeDurably(this.#blocksPath, this.blocks.map((block) => `${JSON.stringify(block)}\n`).join(""));
  }
}

function readBlocks(path: string): JournalBlock[] {
  const blocks: JournalBlock[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    try {
      blocks.push(JSON.parse(line) as JournalBlock);
    } catch {
      break; // torn by a crash mid-write: nothing after it was acknowledged
    }
  }
  return blocks;
}

function writeDurably(path: string, text: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, text);
  const fd = openSync(temporary, "r");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temporary, path);
}
