import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import {
  type Abi,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  type Hex,
  http,
  keccak256,
  serializeErc6492Signature,
  toHex,
} from "viem";
import { hardhat } from "viem/chains";
import { openDatabase, type Database } from "../../indexer/src/store/db.ts";
import { startLocalChain, type LocalChain } from "../../scripts/chain/local-chain.ts";
import { freePort } from "../helpers/ports.ts";
import { startTestApi } from "./helpers/api-server.ts";
import { devAccount } from "./helpers/api-system.ts";
import { codeOf, gql } from "./helpers/graphql.ts";
import { SIWE_DOMAIN, SIWE_URI, signIn, siweMessage } from "./helpers/siwe.ts";

const artifact = (name: string) =>
  JSON.parse(readFileSync(`artifacts/contracts/mocks/${name}.sol/${name}.json`, "utf8")) as { abi: Abi; bytecode: Hex };

describe("sign-in of smart-contract wallets (ERC-1271, ERC-6492) and of keys while the chain is down", () => {
  const root = mkdtempSync(join(tmpdir(), "smart-wallet-sign-in-"));
  const owner = devAccount(1);
  const stranger = devAccount(2);
  let chain: LocalChain;
  let database: Database;
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let apiWithoutChain: Awaited<ReturnType<typeof startTestApi>>;
  let wallet: Address;
  let factory: Address;

  before(async () => {
    chain = await startLocalChain({
      dir: join(root, "chain"),
      host: "127.0.0.1",
      port: await freePort(),
      logger: pino({ level: "silent" }),
      launch: (args, env) => spawn(process.execPath, args, { env, detached: true, stdio: "ignore" }),
      onJournalFailure: (error) => assert.fail(String(error)),
    });
    wallet = await deploy("ERC1271Wallet", [owner.address]);
    factory = await deploy("ERC1271WalletFactory", []);
    database = await openDatabase("memory://");
    const siwe = { SIWE_DOMAIN, SIWE_URI };
    api = await startTestApi(database, { ...siwe, RPC_URL: chain.rpcUrl });
    apiWithoutChain = await startTestApi(database, { ...siwe, RPC_URL: `http://127.0.0.1:${await freePort()}` });
  });
  after(async () => {
    await api?.close();
    await apiWithoutChain?.close();
    await database?.close();
    await chain?.close();
    if (chain) process.kill(-chain.node.pid!, "SIGTERM");
    rmSync(root, { recursive: true, force: true });
  });

  async function deploy(name: string, args: unknown[]): Promise<Address> {
    const { abi, bytecode } = artifact(name);
    const client = createWalletClient({ account: devAccount(0), chain: hardhat, transport: http(chain.rpcUrl) });
    const hash = await client.deployContract({ abi, bytecode, args });
    const publicClient = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl) });
    return getAddress((await publicClient.waitForTransactionReceipt({ hash })).contractAddress!);
  }

  it("signs a deployed wallet in with its owner's signature: the session is the wallet's", async () => {
    const message = await siweMessage(api.graphqlUrl, wallet);
    const session = (await signIn(api.graphqlUrl, message, await owner.signMessage({ message }))).data!.signIn;
    assert.equal(session.address, wallet);
    const me = await gql(api.graphqlUrl, "{ me { address } }", undefined, session.token);
    assert.equal(me.data!.me.address, wallet);
  });

  it("refuses a wallet's message signed by a key that does not own it", async () => {
    const message = await siweMessage(api.graphqlUrl, wallet);
    const result = await signIn(api.graphqlUrl, message, await stranger.signMessage({ message }));
    assert.equal(codeOf(result), "UNAUTHENTICATED", JSON.stringify(result.errors));
    assert.match(result.errors![0].message, /signature does not match/);
  });

  it("refuses a wallet's replayed nonce", async () => {
    const message = await siweMessage(api.graphqlUrl, wallet);
    const signature = await owner.signMessage({ message });
    assert.ok((await signIn(api.graphqlUrl, message, signature)).data?.signIn.token);
    const replay = await signIn(api.graphqlUrl, message, signature);
    assert.equal(codeOf(replay), "UNAUTHENTICATED");
    assert.match(replay.errors![0].message, /nonce/);
  });

  it("refuses a wallet's message for another domain before asking the chain", async () => {
    const message = await siweMessage(api.graphqlUrl, wallet, { domain: "evil.example" });
    const result = await signIn(apiWithoutChain.graphqlUrl, message, await owner.signMessage({ message }));
    assert.equal(codeOf(result), "UNAUTHENTICATED");
    assert.match(result.errors![0].message, /domain/);
  });

  describe("a wallet not deployed yet (ERC-6492)", () => {
    const salt = keccak256(toHex("first wallet"));
    const factoryAbi = artifact("ERC1271WalletFactory").abi;
    const walletAt = async (ownerAddress: Address) =>
      (await createPublicClient({ transport: http(chain.rpcUrl) }).readContract({
        address: factory,
        abi: factoryAbi,
        functionName: "walletAddress",
        args: [ownerAddress, salt],
      })) as Address;
    const wrapped = async (signer: typeof owner, message: string) =>
      serializeErc6492Signature({
        address: factory,
        data: encodeFunctionData({ abi: factoryAbi, functionName: "deploy", args: [owner.address, salt] }),
        signature: await signer.signMessage({ message }),
      });

    it("signs in with the owner's signature wrapped with the factory call, and stays undeployed", async () => {
      const counterfactual = await walletAt(owner.address);
      const message = await siweMessage(api.graphqlUrl, counterfactual);
      const session = (await signIn(api.graphqlUrl, message, await wrapped(owner, message))).data!.signIn;
      assert.equal(session.address, counterfactual);
      const code = await createPublicClient({ transport: http(chain.rpcUrl) }).getCode({ address: counterfactual });
      assert.equal(code, undefined, "the check deploys nothing");
    });

    it("refuses the wrapper around a stranger's signature", async () => {
      const message = await siweMessage(api.graphqlUrl, await walletAt(owner.address));
      const result = await signIn(api.graphqlUrl, message, await wrapped(stranger, message));
      assert.equal(codeOf(result), "UNAUTHENTICATED", JSON.stringify(result.errors));
    });
  });

  describe("while the chain does not answer", () => {
    it("signs in an account with its own key", async () => {
      const message = await siweMessage(apiWithoutChain.graphqlUrl, stranger.address);
      const result = await signIn(apiWithoutChain.graphqlUrl, message, await stranger.signMessage({ message }));
      assert.equal(result.data?.signIn.address, stranger.address, JSON.stringify(result.errors));
    });

    it("answers a wallet CHAIN_UNAVAILABLE and keeps its nonce, so the same message signs in later", async () => {
      const message = await siweMessage(apiWithoutChain.graphqlUrl, wallet);
      const signature = await owner.signMessage({ message });
      const refused = await signIn(apiWithoutChain.graphqlUrl, message, signature);
      assert.equal(refused.status, 200);
      assert.equal(codeOf(refused), "CHAIN_UNAVAILABLE", JSON.stringify(refused.errors));
      assert.match(refused.errors![0].message, /chain did not answer/);
      assert.ok((await signIn(api.graphqlUrl, message, signature)).data?.signIn.token);
    });
  });

  it("refuses a wallet's sign-in on an API without RPC_URL, saying why", async () => {
    const apiWithoutRpc = await startTestApi(database, { SIWE_DOMAIN, SIWE_URI });
    try {
      const message = await siweMessage(apiWithoutRpc.graphqlUrl, wallet);
      const result = await signIn(apiWithoutRpc.graphqlUrl, message, await owner.signMessage({ message }));
      assert.equal(codeOf(result), "UNAUTHENTICATED");
      assert.match(result.errors![0].message, /RPC_URL/);
    } finally {
      await apiWithoutRpc.close();
    }
  });

  it("refuses a signature that is not hex of 65 to 8192 bytes as BAD_USER_INPUT naming the field", async () => {
    const message = await siweMessage(api.graphqlUrl, wallet);
    for (const signature of ["0x1234", `0x${"ab".repeat(8193)}`, `0x${"zz".repeat(65)}`]) {
      const result = await signIn(api.graphqlUrl, message, signature);
      assert.equal(codeOf(result), "BAD_USER_INPUT");
      assert.equal(result.errors![0].extensions!.field, "signature");
    }
  });

  it("refuses a wallet-sized signature the validator cannot parse as a wrong signature, not a fault", async () => {
    const message = await siweMessage(api.graphqlUrl, stranger.address);
    const result = await signIn(api.graphqlUrl, message, `0x${"11".repeat(100)}`);
    assert.equal(codeOf(result), "UNAUTHENTICATED", JSON.stringify(result.errors));
  });
});
