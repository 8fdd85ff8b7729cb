import type { Page } from "playwright-core";
import { createWalletClient, defineChain, http, numberToHex, type Hex, type TypedDataDefinition } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's public development mnemonic (never use these keys anywhere real). */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export const hardhatAccount = (index: number) => mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index });
export const hardhatKey = (index: number): Hex =>
  `0x${Buffer.from(hardhatAccount(index).getHdKey().privateKey!).toString("hex")}`;

type TypedField = { name: string; type: string };

/**
 * JSON typed data carries integers as strings (bigints do not survive JSON): back to bigint by the declared
 * types, as wallets do.
 */
function revive(
  types: Record<string, TypedField[]>,
  type: string,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const field = (fieldType: string, item: unknown): unknown => {
    if (fieldType.endsWith("[]")) return (item as unknown[]).map((element) => field(fieldType.slice(0, -2), element));
    if (types[fieldType]) return revive(types, fieldType, item as Record<string, unknown>);
    return /^u?int\d*$/.test(fieldType) ? BigInt(item as string) : item;
  };
  return Object.fromEntries(types[type].map(({ name, type: fieldType }) => [name, field(fieldType, value[name])]));
}

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface TestWallet {
  address: Hex;
  /** Every request the page made, by method, for assertions. */
  calls: string[];
}

/**
 * Injects `window.ethereum`: a plain EIP-1193 object whose `request` calls into this Node process, where a
 * Hardhat key signs (personal_sign, eth_signTypedData_v4, eth_sendTransaction as a raw transaction) and
 * everything else goes to the chain's RPC. It starts on `startChainId` so a test can walk through the
 * wrong-network prompt; wallet_switchEthereumChain moves it to `chainId` and emits chainChanged.
 */
export async function injectWallet(
  page: Page,
  options: { rpcUrl: string; chainId: number; account: number; startChainId?: number },
): Promise<TestWallet> {
  const account = hardhatAccount(options.account);
  const chain = defineChain({
    id: options.chainId,
    name: "test",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const client = createWalletClient({ account, chain, transport: http(options.rpcUrl) });
  let currentChain = options.startChainId ?? options.chainId;
  const calls: string[] = [];

  const forward = async (method: string, params: unknown): Promise<unknown> => {
    const response = await fetch(options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
    });
    const body = (await response.json()) as { result?: unknown; error?: RpcError };
    if (body.error) throw body.error;
    return body.result;
  };

  const handle = async (method: string, params: unknown[]): Promise<unknown> => {
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [account.address];
      case "eth_chainId":
        return numberToHex(currentChain);
      case "wallet_switchEthereumChain": {
        const id = Number((params[0] as { chainId: string }).chainId);
        if (id !== options.chainId) throw { code: 4902, message: `Unrecognized chain ID ${id}` } satisfies RpcError;
        currentChain = id;
        await page.evaluate(
          (hex) =>
            (globalThis as unknown as { __testWalletEmit(event: string, value: unknown): void }).__testWalletEmit(
              "chainChanged",
              hex,
            ),
          numberToHex(id),
        );
        return null;
      }
      case "wallet_addEthereumChain":
        return null;
      case "personal_sign":
        return account.signMessage({ message: { raw: params[0] as Hex } });
      case "eth_signTypedData_v4": {
        const { domain, types, primaryType, message } = JSON.parse(params[1] as string) as TypedDataDefinition & {
          types: Record<string, unknown>;
        };
        const { EIP712Domain: _, ...rest } = types as Record<string, TypedField[]>;
        const typedDomain = domain && {
          ...domain,
          chainId: domain.chainId === undefined ? undefined : Number(domain.chainId),
        };
        return account.signTypedData({
          domain: typedDomain,
          types: rest,
          primaryType,
          message: revive(rest, primaryType as string, message as Record<string, unknown>),
        } as unknown as TypedDataDefinition);
      }
      case "eth_sendTransaction": {
        if (currentChain !== options.chainId)
          throw { code: 4901, message: "wallet is on another chain" } satisfies RpcError;
        const tx = params[0] as { to: Hex; data?: Hex; value?: Hex; gas?: Hex };
        return client.sendTransaction({
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
        });
      }
      default:
        return forward(method, params);
    }
  };

  await page.exposeFunction("__testWalletRequest", async (method: string, params: unknown[]) => {
    calls.push(method);
    try {
      return { result: await handle(method, params ?? []) };
    } catch (error) {
      const rpc = error as Partial<RpcError> & { shortMessage?: string };
      return {
        error: { code: rpc.code ?? -32603, message: rpc.shortMessage ?? rpc.message ?? String(error), data: rpc.data },
      };
    }
  });
  await page.addInitScript(() => {
    type Listener = (value: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    const bridge = globalThis as unknown as {
      __testWalletRequest(
        method: string,
        params: unknown,
      ): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }>;
    };
    const provider = {
      isTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown }) {
        const answer = await bridge.__testWalletRequest(method, params ?? []);
        if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
        return answer.result;
      },
      on(event: string, listener: Listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
      },
      removeListener(event: string, listener: Listener) {
        listeners.get(event)?.delete(listener);
      },
    };
    Object.assign(globalThis, {
      ethereum: provider,
      __testWalletEmit: (event: string, value: unknown) => {
        for (const listener of listeners.get(event) ?? []) listener(value);
      },
    });
  });
  return { address: account.address, calls };
}
