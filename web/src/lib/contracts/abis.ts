import { erc20Abi, parseAbi, type Abi } from "viem";
import { ABIS } from "../../../../sdk/abis.generated.ts";

export const orderEscrowAbi = ABIS.OrderEscrow;
export const reviewsAbi = ABIS.Reviews;

/** What ERC-5267's eip712Domain() returns between its `fields` bitmap and its `extensions`. */
const EIP712_DOMAIN_VALUES = "string name, string version, uint256 chainId, address verifyingContract, bytes32 salt";

/** ERC-20 with EIP-2612 permit, ERC-5267 domain and OpenZeppelin 5's errors. */
export const paymentTokenAbi = [
  ...erc20Abi,
  ...parseAbi([
    "function nonces(address owner) view returns (uint256)",
    `function eip712Domain() view returns (bytes1 fields, ${EIP712_DOMAIN_VALUES}, uint256[] extensions)`,
    "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
    "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  ]),
] as const;

/** Every ABI whose errors a storefront transaction can revert with (errors bubble up from nested calls). */
export const revertAbis: readonly Abi[] = [...Object.values(ABIS), paymentTokenAbi];
