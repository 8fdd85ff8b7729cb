import { BaseError as ViemError, decodeErrorResult, type Abi, type Hex } from "viem";
import { BaseError } from "./errors.ts";
import { LISTING_STATUS_NAMES, MERCHANT_STATUS_NAMES, ORDER_STATUS_NAMES } from "./statuses.ts";
import { isoFromSeconds as when } from "./time.ts";

type Args = Record<string, unknown>;
type AbiError = Extract<Abi[number], { type: "error" }>;
const amount = (value: unknown) => `${value} base units`;
const short = (value: unknown) => String(value);
const days = (seconds: unknown) => `${Number(seconds) / 86_400} days`;

/**
 * A plain-words message for every custom error the deployed contracts (and the OpenZeppelin code they
 * inherit) can revert with. A test checks this table against the compiled ABIs, so a new error fails CI.
 */
export const ERROR_MESSAGES: Record<string, (a: Args) => string> = {
  // MerchantRegistry
  MerchantRegistryInvalidStatus: (a) =>
    `merchant ${short(a.merchant)} is ${MERCHANT_STATUS_NAMES[Number(a.status)]}, which does not allow this`,
  MerchantRegistryEmptyCid: () => "the profile or reason CID is empty",
  MerchantRegistryZeroAddress: () => "the payout address must not be the zero address",
  MerchantRegistryUnknownMerchant: (a) => `${short(a.account)} has never applied as a merchant`,
  MerchantRegistryNotOperator: (a) =>
    `${short(a.caller)} is neither merchant ${short(a.merchant)} nor its authorised signer`,
  // ListingRegistry
  ListingRegistryInvalidSignature: (a) =>
    `the signature of listing ${short(a.listingId)} is not the merchant's or its authorised signer's`,
  ListingRegistryAlreadyPublished: (a) => `listing ${short(a.listingId)} is already published`,
  ListingRegistryUnknownListing: (a) => `listing ${short(a.listingId)} does not exist`,
  ListingRegistryNotActive: (a) =>
    `listing ${short(a.listingId)} is ${LISTING_STATUS_NAMES[Number(a.status)]}, not Active`,
  ListingRegistryMerchantNotActive: (a) =>
    `merchant ${short(a.merchant)} is not approved (applied, rejected or suspended)`,
  ListingRegistryStaleVersion: (a) =>
    `version ${a.version} of SKU ${a.sku} is not above the current version ${a.currentVersion}`,
  ListingRegistryStaleCounter: (a) =>
    `listing signed under counter ${a.counter} but merchant ${short(a.merchant)} is at counter ${a.currentCounter} ` +
    "(cancel-all invalidated it)",
  ListingRegistryOutsideValidity: (a) =>
    `listing ${short(a.listingId)} is valid only from ${when(a.validFrom)} until ${when(a.validUntil)}`,
  ListingRegistryInvalidField: (a) =>
    `listing field ${String(a.field)} is invalid (zero, empty or an empty validity window)`,
  ListingRegistryTokenNotAllowed: (a) => `token ${short(a.token)} is not allowed for payment`,
  ListingRegistryInsufficientStock: (a) =>
    `only ${a.remaining} left of listing ${short(a.listingId)}, ${a.requested} requested`,
  ListingRegistryBuyerLimit: (a) =>
    `listing ${short(a.listingId)} allows ${a.maxPerBuyer} per buyer; ${short(a.buyer)} would hold ${a.requested}`,
  ListingRegistryMixedOrder: (a) =>
    `listing ${short(a.listingId)} belongs to another merchant or is priced in another token than the order`,
  ListingRegistryNotOperator: (a) =>
    `${short(a.caller)} is neither merchant ${short(a.merchant)} nor its authorised signer`,
  ListingRegistryNotEscrow: (a) => `${short(a.caller)} is not the order escrow`,
  ListingRegistryEscrowAlreadySet: (a) => `the escrow is already set to ${short(a.escrow)}`,
  // OrderEscrow
  OrderEscrowPaused: () => "order placement is paused",
  OrderEscrowUnknownOrder: (a) => `order ${a.orderId} does not exist`,
  OrderEscrowTermsMismatch: (a) => `the terms passed for order ${a.orderId} are not the ones it was placed with`,
  OrderEscrowInvalidStatus: (a) =>
    `order ${a.orderId} is ${ORDER_STATUS_NAMES[Number(a.status)]}, which does not allow this`,
  OrderEscrowNotBuyer: (a) => `${short(a.caller)} is not the buyer of order ${a.orderId}`,
  OrderEscrowNotMerchant: (a) =>
    `${short(a.caller)} is neither the merchant of order ${a.orderId} nor its authorised signer`,
  OrderEscrowDeadlineNotReached: (a) => `order ${a.orderId}'s deadline ${when(a.deadline)} has not passed yet`,
  OrderEscrowDeadlinePassed: (a) => `order ${a.orderId}'s deadline ${when(a.deadline)} has passed`,
  OrderEscrowTotalAboveMax: (a) => `the order total ${a.total} is above the buyer's maximum ${a.maxTotal}`,
  OrderEscrowAmountTooLarge: (a) => `amount ${amount(a.amount)} does not fit the escrow's 96-bit amounts`,
  OrderEscrowInvalidRefund: (a) =>
    `a refund of ${amount(a.amount)} on order ${a.orderId} ` +
    `must be above zero and at most what it still holds, ${amount(a.remaining)}`,
  OrderEscrowIncorrectPayment: (a) => `payment of ${a.sent} sent, ${a.expected} expected`,
  OrderEscrowTransferMismatch: (a) =>
    `token ${short(a.token)} delivered ${a.received} instead of ${a.expected} (fee-on-transfer tokens are refused)`,
  OrderEscrowNativeIntent: () => "signed order intents must pay in an ERC-20 token, not native currency",
  OrderEscrowNativePermit: () => "a permit needs an ERC-20 token, not native currency",
  OrderEscrowIntentExpired: (a) => `the order intent expired at ${when(a.deadline)}`,
  OrderEscrowNonceUsed: (a) => `nonce ${a.nonce} of buyer ${short(a.buyer)} is already used`,
  OrderEscrowInvalidSignature: (a) => `the signature is not by ${short(a.signer)}`,
  OrderEscrowBuyerNotAllowed: (a) => `buyer ${short(a.buyer)} does not hold the BUYER role`,
  OrderEscrowVoucherInvalid: (a) => `voucher ${short(a.voucherId)} cannot be used: ${String(a.reason)}`,
  OrderEscrowFeeTooHigh: (a) => `a fee of ${a.feeBps} bps is above the maximum ${a.maxFeeBps} bps`,
  OrderEscrowZeroAddress: () => "the address must not be the zero address",
  OrderEscrowNothingToWithdraw: (a) => `${short(a.account)} has no balance to withdraw in token ${short(a.token)}`,
  OrderEscrowInvalidConfig: (a) => `escrow setting ${String(a.field)} is invalid`,
  OrderEscrowWindowTooLong: (a) =>
    `escrow ${String(a.field)} of ${a.window} s is above its cap of ${a.maxWindow} s (${days(a.maxWindow)})`,
  OrderEscrowRulingWindowClosed: (a) =>
    `order ${a.orderId}'s ruling window closed at ${when(a.ruleBy)}; ` +
    "only the default settlement (settleDispute) can end the dispute now",
  OrderEscrowIntentVoucherMismatch: (a) =>
    `the intent commits to voucher ${short(a.committed)} but ${short(a.supplied)} was supplied (zero: none)`,
  OrderEscrowTokenShortfall: (a) =>
    `the escrow holds ${a.held} of token ${short(a.token)} but owes ${a.owed}: the token changed balances ` +
    "against the token policy; the withdrawal waits until the escrow is topped up",
  OrderEscrowNoSurplus: (a) => `the escrow holds no more of token ${short(a.token)} than it owes`,
  // Reviews
  ReviewsNotBuyer: (a) => `${short(a.caller)} is not the buyer of order ${a.orderId}`,
  ReviewsOrderNotComplete: (a) => `order ${a.orderId} is not completed or resolved`,
  ReviewsAlreadyReviewed: (a) => `order ${a.orderId} is already reviewed`,
  ReviewsInvalidRating: (a) => `rating ${a.rating} is not between 1 and 5`,
  ReviewsEmptyCid: () => "the review CID is empty",
  // Provenance
  ProvenanceItemExists: (a) => `item ${short(a.itemId)} is already registered`,
  ProvenanceUnknownItem: (a) => `item ${short(a.itemId)} is not registered`,
  ProvenanceItemConsumed: (a) => `item ${short(a.itemId)} was consumed by a transformation`,
  ProvenanceNotCustodian: (a) => `${short(a.caller)} does not hold item ${short(a.itemId)}`,
  ProvenanceNotPendingCustodian: (a) => `item ${short(a.itemId)} is not being handed to ${short(a.caller)}`,
  ProvenanceItemContained: (a) => `item ${short(a.itemId)} is packed in a container; unpack it first`,
  ProvenanceNotInContainer: (a) => `item ${short(a.itemId)} is not directly in container ${short(a.containerId)}`,
  ProvenanceCycle: (a) => `packing ${short(a.itemId)} into ${short(a.containerId)} would put a container inside itself`,
  ProvenanceContainerNotEmpty: (a) => `container ${short(a.containerId)} still holds items; unpack them first`,
  ProvenanceUnknownEvent: (a) => `provenance event ${a.eventId} does not exist`,
  ProvenanceNotRecorder: (a) => `${short(a.caller)} did not record event ${a.eventId}, so it cannot correct it`,
  ProvenanceFutureEvent: (a) => `event time ${when(a.eventTime)} is in the future`,
  ProvenanceEmpty: (a) => `${String(a.field)} must not be empty`,
  ProvenanceZeroAddress: () => "the address must not be the zero address",
  ProvenanceNestingTooDeep: (a) =>
    `packing into container ${short(a.containerId)} would put items ${a.levels} containers deep; ` +
    `at most ${a.maxLevels} are allowed`,
  // OpenZeppelin: AccessManaged / AccessManager
  AccessManagedUnauthorized: (a) => `${short(a.caller)} lacks the role this function requires`,
  AccessManagedRequiredDelay: (a) => `${short(a.caller)} must schedule this call and wait ${a.delay} s`,
  AccessManagedInvalidAuthority: (a) => `${short(a.authority)} is not a valid access manager`,
  AccessManagerUnauthorizedAccount: (a) => `${short(a.msgsender)} does not hold role ${a.roleId}`,
  AccessManagerUnauthorizedCall: (a) => `${short(a.caller)} may not call ${short(a.selector)} on ${short(a.target)}`,
  AccessManagerUnauthorizedCancel: (a) =>
    `${short(a.msgsender)} may not cancel ${short(a.caller)}'s scheduled call to ${short(a.target)}`,
  AccessManagerUnauthorizedConsume: (a) => `${short(a.target)} may not consume scheduled operations`,
  AccessManagerAlreadyScheduled: (a) => `operation ${short(a.operationId)} is already scheduled`,
  AccessManagerNotScheduled: (a) => `operation ${short(a.operationId)} is not scheduled`,
  AccessManagerNotReady: (a) => `operation ${short(a.operationId)} is not ready yet`,
  AccessManagerExpired: (a) => `operation ${short(a.operationId)} has expired`,
  AccessManagerBadConfirmation: () => "the renounce confirmation does not match the caller",
  AccessManagerInvalidInitialAdmin: (a) => `${short(a.initialAdmin)} cannot be the initial admin`,
  AccessManagerLockedFunction: (a) => `function ${short(a.selector)} is locked`,
  AccessManagerLockedRole: (a) => `role ${a.roleId} is locked`,
  // OpenZeppelin utilities
  ReentrancyGuardReentrantCall: () => "re-entrant call refused",
  SafeERC20FailedOperation: (a) => `token ${short(a.token)} refused the transfer`,
  FailedCall: () => "a call to another contract failed",
  InsufficientBalance: (a) => `balance ${a.balance} is below the ${a.needed} needed`,
  AddressEmptyCode: (a) => `${short(a.target)} has no contract code`,
  SafeCastOverflowedUintDowncast: (a) => `value ${a.value} does not fit ${a.bits} bits`,
  InvalidShortString: () => "invalid short string",
  StringTooLong: (a) => `string too long: ${String(a.str)}`,
};

/** A transaction or call that the contracts refused, in plain words; never retryable. */
export class ContractRevertError extends BaseError {
  override readonly name = "ContractRevertError";
  readonly errorName: string;
  readonly args: Args;

  constructor(errorName: string, args: Args, options: { cause?: unknown } = {}) {
    const describe = ERROR_MESSAGES[errorName];
    const detail = describe
      ? describe(args)
      : JSON.stringify(args, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    super(`${errorName}: ${detail}`, options);
    this.errorName = errorName;
    this.args = args;
  }
}

/** Every custom error declared in `abis`, deduplicated by name. */
export function errorsOf(abis: readonly Abi[]): AbiError[] {
  const byName = new Map<string, AbiError>();
  for (const item of abis.flat()) if (item.type === "error") byName.set(item.name, item);
  return [...byName.values()];
}

/**
 * Finds revert data anywhere in a viem error chain and decodes it against `abis` (errors bubble up
 * from nested calls, so the called contract's ABI alone is not enough). Undefined when there is none.
 */
export function decodeRevert(error: unknown, abis: readonly Abi[]): ContractRevertError | undefined {
  if (!(error instanceof ViemError)) return undefined;
  const found = error.walk(
    (e) => typeof (e as { raw?: unknown }).raw === "string" || typeof (e as { data?: unknown }).data === "string",
  );
  const data = ((found as { raw?: Hex } | null)?.raw ?? (found as { data?: Hex } | null)?.data) as Hex | undefined;
  if (data === undefined || data.length < 10) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: errorsOf(abis), data });
    const item = errorsOf(abis).find((e) => e.name === decoded.errorName);
    const args = Object.fromEntries(
      (item?.inputs ?? []).map((input, i) => [input.name ?? String(i), decoded.args?.[i]]),
    );
    return new ContractRevertError(decoded.errorName, args, { cause: error });
  } catch {
    return undefined;
  }
}

/** The node's own words (for instance "Sender doesn't have enough funds") rather than viem's generic summary. */
export function plainReason(error: unknown): string {
  if (!(error instanceof ViemError)) return error instanceof Error ? error.message : String(error);
  return error.details || error.shortMessage;
}
