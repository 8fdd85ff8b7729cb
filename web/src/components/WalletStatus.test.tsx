import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeProvider, renderInApp } from "../test/render.tsx";
import { WalletStatus } from "./WalletStatus.tsx";

const ACCOUNT = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";

describe("WalletStatus", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("says so when the browser has no wallet", async () => {
    renderInApp(<WalletStatus />);
    expect(await screen.findByText(/No wallet found/)).toBeTruthy();
  });

  it("offers to connect an injected wallet", async () => {
    const provider = fakeProvider({ eth_accounts: [], eth_chainId: "0x7a69", eth_requestAccounts: [ACCOUNT] });
    renderInApp(<WalletStatus />, { provider });
    fireEvent.click(await screen.findByRole("button", { name: "Connect wallet" }));
    expect(await screen.findByText("0x71bE…5788")).toBeTruthy();
  });

  it("on another chain, switches the wallet, adding the chain when the wallet does not know it", async () => {
    let chain = "0x1";
    const provider = fakeProvider({
      eth_accounts: [ACCOUNT],
      eth_chainId: () => chain,
      wallet_switchEthereumChain: () => {
        if (!provider.calls.some((call) => call.method === "wallet_addEthereumChain"))
          throw Object.assign(new Error("Unrecognized chain"), { code: 4902 });
        chain = "0x7a69";
        return null;
      },
      wallet_addEthereumChain: null,
    });
    renderInApp(<WalletStatus />, { provider });
    fireEvent.click(await screen.findByRole("button", { name: /Switch to Commerce ledger/ }));
    expect(await screen.findByText("0x71bE…5788")).toBeTruthy();
    const added = provider.calls.find((call) => call.method === "wallet_addEthereumChain")!.params as [
      { chainId: string; rpcUrls: string[] },
    ];
    expect(added[0]).toMatchObject({ chainId: "0x7a69", rpcUrls: ["http://127.0.0.1:8545"] });
  });
});
