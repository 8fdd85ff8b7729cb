import { Inject, Injectable } from "@nestjs/common";
import {
  type Address,
  BaseError,
  encodeDeployData,
  erc6492SignatureValidatorAbi,
  erc6492SignatureValidatorByteCode,
  ExecutionRevertedError,
  type Hex,
  hashMessage,
  hexToBool,
  type PublicClient,
} from "viem";
import { CHAIN_CLIENT } from "../chain/chain-client.ts";
import { ChainUnavailableError, UnauthenticatedError } from "../errors.ts";

/**
 * Signatures of smart-contract wallets, checked by the chain in one eth_call to the ERC-6492 validator
 * (deployed only inside that call, so nothing needs to be on the chain): ERC-1271 `isValidSignature` of a
 * deployed wallet, or, for an ERC-6492-wrapped signature, the wallet's factory call first, so a wallet that
 * is not deployed yet can sign in. viem's `verifyHash` does the same call but answers false when the node
 * does not answer, which would tell a user their valid signature is wrong.
 */
@Injectable()
export class ContractWalletSignatures {
  constructor(@Inject(CHAIN_CLIENT) private readonly client: PublicClient | null) {}

  /** Whether `address` accepts `signature` of the EIP-191 `message`; throws when the chain cannot say. */
  async isValid(address: Address, message: string, signature: Hex): Promise<boolean> {
    if (!this.client)
      throw new UnauthenticatedError(
        "signature does not match the message's address (smart-contract wallets need the API's RPC_URL, not set)",
      );
    const data = encodeDeployData({
      abi: erc6492SignatureValidatorAbi,
      bytecode: erc6492SignatureValidatorByteCode,
      args: [address, hashMessage(message), signature],
    });
    let result: Hex | undefined;
    try {
      ({ data: result } = await this.client.call({ data }));
    } catch (error) {
      // The validator reverts on a signature it cannot even parse: an answer, not a fault.
      if (error instanceof BaseError && error.walk((e) => e instanceof ExecutionRevertedError)) return false;
      throw new ChainUnavailableError(
        "the chain did not answer the smart-contract wallet check of the signature: try again later",
        { cause: error },
      );
    }
    return hexToBool(result ?? "0x00");
  }
}
