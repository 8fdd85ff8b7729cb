import { createCipheriv, createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, type KuboRPCClient } from "kubo-rpc-client";
import type { IpfsNodeConfig } from "../../ipfs-node/src/config.ts";
import { IpfsClient } from "../../sdk/ipfs/client.ts";
import { startIpfsNode, type RunningIpfsNode } from "../../ipfs-node/src/server.ts";

export interface TestNode extends RunningIpfsNode {
  /** kubo-rpc-client itself, for testing the RPC surface. */
  rpc: KuboRPCClient;
  /** The project's verified client. */
  client: IpfsClient;
  dataDir: string;
}

/** The real embedded node on a free 127.0.0.1 port over a fresh temp data directory. */
export async function startTestNode(limits: Partial<IpfsNodeConfig> = {}, dataDir?: string): Promise<TestNode> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "ipfs-test-")));
  const node = await startIpfsNode({ dataDir: dir, host: "127.0.0.1", port: 0, ...limits });
  return {
    ...node,
    rpc: create({ url: node.apiUrl }),
    client: new IpfsClient({ url: node.apiUrl, timeoutMs: 5_000, maxBytes: 16 * 1024 * 1024 }),
    dataDir: dir,
    async close() {
      await node.close();
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The `Message` of a Kubo RPC error body. */
export async function kuboMessage(response: Response): Promise<string> {
  return ((await response.json()) as { Message: string }).Message;
}

/** Kubo's testutils.DeterministicRandomReaderBytes: ChaCha20 keystream, key sha256(seed), zero nonce. */
export function kuboRandomBytes(seed: string, size: number): Uint8Array {
  const key = createHash("sha256").update(seed).digest();
  return createCipheriv("chacha20", key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

export const HELLO_WORLD = new TextEncoder().encode("hello world");
export const HELLO_WORLD_CID_V1 = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
export const HELLO_WORLD_CID_V0 = "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD";
/** `ipfs add --cid-version=1` of kuboRandomBytes("demo", 3 MiB): 12 raw leaves under one dag-pb node. */
export const DEMO_3MIB_CID = "bafybeic2qarsunfhgnxfjrpikwo2vrg4mn3iihutd3lny6xwqc4bkh4mhy";
/** An identity-free, well-formed CID that no test ever adds. */
export const UNKNOWN_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
