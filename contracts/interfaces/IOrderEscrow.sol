// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderLine} from "../types/OrderLine.sol";

/// @title IOrderEscrow
/// @notice Order escrow. A buyer pays for one or more lines of one merchant; the funds stay here until
/// the order reaches a terminal state, then are credited to the parties and withdrawn by pull payment.
///
/// Storage keeps, per order, the buyer, status and deadline plus the hash of its immutable
/// {OrderTerms}; the terms themselves are in {OrderPlaced} and every later call passes them back.
/// Keeping two slots instead of six is what holds native placement near 100k gas (see bench:gas).
///
/// Every open order has a permissionless path to a terminal state: an order not shipped by its deadline
/// can be reclaimed by anyone for the buyer, a shipped order is completed by anyone after the
/// confirmation window, and an unruled dispute is settled by anyone with the default split.
///
/// Token policy: an allowed ERC-20 must keep balances fixed (no rebasing) and charge no transfer fee.
/// Placement refuses a transfer that delivers less than the total. Should an allowed token still change
/// balances afterwards, the escrow knows what it owes per token ({owedOf}): a withdrawal it cannot cover
/// fails with {OrderEscrowTokenShortfall} (anyone may top the escrow up), and a surplus (a positive rebase,
/// a stray transfer) goes to the treasury through {sweepSurplus}, never to an order's parties.
interface IOrderEscrow {
    enum OrderStatus {
        None,
        Placed,
        Accepted,
        Shipped,
        Disputed,
        Completed,
        Cancelled,
        Rejected,
        Refunded,
        Reclaimed,
        Resolved
    }

    /// @notice The immutable part of an order, hashed into storage at placement.
    struct OrderTerms {
        address buyer;
        address merchant;
        address token;
        uint96 total;
        uint16 feeBps;
        address treasury;
        OrderLine[] lines;
    }

    /// @notice What the buyer asks for. `token` is zero for native currency; `maxTotal` bounds what the
    /// buyer pays; `shippingCid` points at shipping details encrypted for the merchant (beside the plain
    /// destination country); `shipping` is the shipping charge the buyer agrees to, added to the lines'
    /// total after any discount. The chain cannot see where the parcel goes, so it does not price it: the
    /// listing documents the merchant signed do, and a merchant rejects (refunding in full) an order whose
    /// charge is not the listing's rate for its country.
    struct OrderRequest {
        OrderLine[] lines;
        address token;
        uint256 maxTotal;
        string shippingCid;
        uint96 shipping;
    }

    /// @notice A buyer's signed request that anyone may submit (ERC-20 payment only). `voucher` commits to
    /// the discount: the voucher's EIP-712 digest ({hashVoucher}), or zero to place without one.
    struct OrderIntent {
        address buyer;
        OrderRequest request;
        bytes32 voucher;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice A merchant-signed discount: `amountOff` in payment units or `bpsOff` of the subtotal
    /// (one of them), on a subtotal of at least `minTotal`, usable `maxUses` times until `expiry`, by
    /// `buyer` only unless zero, and only while the merchant's counter equals `counter` and the merchant has
    /// not revoked it.
    struct Voucher {
        address merchant;
        bytes32 id;
        address buyer;
        uint96 amountOff;
        uint16 bpsOff;
        uint96 minTotal;
        uint40 expiry;
        uint32 maxUses;
        uint64 counter;
    }

    /// @notice A voucher and its merchant's signature; a zero `voucher.merchant` means no voucher.
    struct SignedVoucher {
        Voucher voucher;
        bytes signature;
    }

    /// @notice An EIP-2612 permit for the payment token.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Windows and defaults fixed at deployment, in seconds and basis points. Each window is
    /// above zero and at most its cap (MAX_SHIP_WINDOW, MAX_CONFIRM_WINDOW, MAX_RULING_WINDOW).
    /// `buyerAllowList` admits only holders of the BUYER role as buyers; otherwise buying is open.
    struct EscrowConfig {
        uint40 shipWindow;
        uint40 confirmWindow;
        uint40 rulingWindow;
        uint16 defaultBuyerBps;
        bool buyerAllowList;
    }

    error OrderEscrowPaused();
    error OrderEscrowUnknownOrder(uint256 orderId);
    error OrderEscrowTermsMismatch(uint256 orderId);
    error OrderEscrowInvalidStatus(uint256 orderId, OrderStatus status);
    error OrderEscrowNotBuyer(uint256 orderId, address caller);
    error OrderEscrowNotMerchant(uint256 orderId, address caller);
    error OrderEscrowDeadlineNotReached(uint256 orderId, uint40 deadline);
    error OrderEscrowDeadlinePassed(uint256 orderId, uint40 deadline);
    error OrderEscrowTotalAboveMax(uint256 total, uint256 maxTotal);
    error OrderEscrowAmountTooLarge(uint256 amount);
    error OrderEscrowInvalidRefund(uint256 orderId, uint96 amount, uint96 remaining);
    error OrderEscrowIncorrectPayment(uint256 expected, uint256 sent);
    error OrderEscrowTransferMismatch(address token, uint256 expected, uint256 received);
    error OrderEscrowNativeIntent();
    error OrderEscrowNativePermit();
    error OrderEscrowIntentExpired(uint256 deadline);
    error OrderEscrowNonceUsed(address buyer, uint256 nonce);
    error OrderEscrowInvalidSignature(address signer);
    error OrderEscrowBuyerNotAllowed(address buyer);
    error OrderEscrowVoucherInvalid(bytes32 voucherId, string reason);
    error OrderEscrowFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    error OrderEscrowZeroAddress();
    error OrderEscrowNothingToWithdraw(address account, address token);
    error OrderEscrowInvalidConfig(string field);
    error OrderEscrowWindowTooLong(string field, uint40 window, uint40 maxWindow);
    error OrderEscrowRulingWindowClosed(uint256 orderId, uint40 ruleBy);
    error OrderEscrowIntentVoucherMismatch(bytes32 committed, bytes32 supplied);
    error OrderEscrowTokenShortfall(address token, uint256 owed, uint256 held);
    error OrderEscrowNoSurplus(address token);

    /// @notice `terms` are exactly what every later call on the order passes back.
    event OrderPlaced(
        uint256 indexed orderId,
        address indexed buyer,
        address indexed merchant,
        OrderTerms terms,
        uint40 shipBy,
        string shippingCid,
        uint96 shipping
    );
    event OrderAccepted(uint256 indexed orderId);
    event OrderRejected(uint256 indexed orderId, string reasonCid);
    event OrderCancelled(uint256 indexed orderId);
    event OrderShipped(uint256 indexed orderId, string trackingCid, uint40 confirmBy);
    event OrderCompleted(uint256 indexed orderId, bool byBuyer);
    event OrderReclaimed(uint256 indexed orderId);
    /// @notice `remaining` is what the order still holds after this refund; zero ends it as Refunded.
    event OrderRefunded(uint256 indexed orderId, uint96 amount, uint96 remaining, string reasonCid);
    event OrderDisputed(uint256 indexed orderId, string evidenceCid, uint40 ruleBy);
    event OrderResolved(uint256 indexed orderId, address indexed arbiter, uint96 buyerAmount, string rulingCid);
    /// @notice Emitted when an order ends: the amounts credited to each party from what it still held
    /// (payout is the merchant's payout address at settlement time; partial refunds came before).
    event OrderSettled(
        uint256 indexed orderId, address payout, uint96 merchantAmount, uint96 buyerAmount, uint96 feeAmount
    );
    event VoucherRedeemed(
        bytes32 indexed voucherId, address indexed merchant, uint256 indexed orderId, uint96 discount
    );
    event VoucherRevoked(bytes32 indexed voucherId, address indexed merchant, bytes32 digest);
    event IntentNonceUsed(address indexed buyer, uint256 nonce);
    event Withdrawn(address indexed account, address indexed token, uint256 amount);
    event FeeChanged(uint16 feeBps, address treasury);
    event PlacementPaused(address indexed by);
    event PlacementUnpaused(address indexed by);
    event SurplusSwept(address indexed token, address treasury, uint256 amount);

    // ─── Placement ───────────────────────────────────────────────────────────────────────────
    // Not `restricted`: with an allow-listed deployment the buyer's BUYER role is checked instead, which
    // also covers intents whose buyer is not the caller; open buying then costs no AccessManager call.

    /// @notice Places an order paid by the caller, in native currency (`msg.value` equal to the total)
    /// or an allowed ERC-20 approved beforehand.
    /// Requirements: placement not paused; the buyer holds BUYER if the deployment allow-lists buyers;
    /// see {IListingRegistry-reserve}; total ≤ `maxTotal`; the token transfer delivers exactly the total
    /// (fee-on-transfer tokens are refused). Emits {OrderPlaced}.
    function placeOrder(OrderRequest calldata request) external payable returns (uint256 orderId);

    /// @notice As {placeOrder}, with a merchant-signed discount voucher.
    /// Requirements: the voucher is the order's merchant's (or its signer's), unexpired, for this buyer
    /// or any, not used up or revoked, the subtotal at least its `minTotal`, and it sets exactly one of
    /// `amountOff` and `bpsOff`.
    /// Emits {VoucherRedeemed} and {OrderPlaced}.
    function placeOrderWithVoucher(OrderRequest calldata request, SignedVoucher calldata voucher)
        external
        payable
        returns (uint256 orderId);

    /// @notice As {placeOrderWithVoucher} (zero `voucher.merchant` for none), approving the ERC-20 through
    /// EIP-2612 `permit` in the same transaction. A permit that fails (for instance, front-run) is ignored
    /// when the allowance already suffices.
    /// Requirements: `request.token` is an ERC-20, not native currency ({OrderEscrowNativePermit}).
    function placeOrderWithPermit(OrderRequest calldata request, SignedVoucher calldata voucher, Permit calldata permit)
        external
        returns (uint256 orderId);

    /// @notice Places an order signed by the buyer as an EIP-712 {OrderIntent}, paid from the buyer's
    /// ERC-20 (with an optional permit, zero `permit.deadline` for none). Anyone may submit it.
    /// Requirements: as {placeOrderWithVoucher}; the intent is unexpired, its nonce unused, its token an
    /// ERC-20, and `voucher` the one it commits to ({OrderEscrowIntentVoucherMismatch}): a relayer can
    /// neither drop the buyer's discount nor spend a voucher the buyer did not sign for.
    /// Emits {IntentNonceUsed} and {OrderPlaced}.
    function placeOrderFor(
        OrderIntent calldata intent,
        bytes calldata signature,
        SignedVoucher calldata voucher,
        Permit calldata permit
    ) external returns (uint256 orderId);

    // ─── Lifecycle ───────────────────────────────────────────────────────────────────────────

    /// @notice Buyer cancels before the merchant accepts; stock is restored and the total credited back.
    /// Emits {OrderCancelled} and {OrderSettled}.
    function cancelOrder(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Merchant (or its signer) accepts a placed order. Emits {OrderAccepted}.
    function acceptOrder(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Merchant (or its signer) rejects a placed or accepted order; stock is restored and the
    /// buyer credited in full. Emits {OrderRejected} and {OrderSettled}.
    function rejectOrder(uint256 orderId, OrderTerms calldata terms, string calldata reasonCid) external;

    /// @notice Merchant (or its signer) ships a placed or accepted order before its ship-by deadline;
    /// the confirmation window starts. Emits {OrderShipped}.
    function shipOrder(uint256 orderId, OrderTerms calldata terms, string calldata trackingCid) external;

    /// @notice Buyer confirms delivery of a shipped order, or withdraws its dispute by confirming; the
    /// merchant is paid what the order holds. Emits {OrderCompleted} and {OrderSettled}.
    function confirmDelivery(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Anyone completes a shipped order whose confirmation window has passed.
    /// Emits {OrderCompleted} and {OrderSettled}.
    function finalizeOrder(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Anyone returns a placed or accepted order to its buyer once the ship-by deadline has
    /// passed; stock is restored. Emits {OrderReclaimed} and {OrderSettled}.
    function reclaimOrder(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Merchant (or its signer) gives back `amount` of what an open order still holds. Less than
    /// all of it is credited to the buyer at once and the order carries on with the rest (a merchant can
    /// never take money this way); all of it ends the order as Refunded, restoring stock if nothing was
    /// shipped. Requirements: 0 < `amount` ≤ what the order holds. Emits {OrderRefunded}, and when the
    /// order ends {OrderSettled}.
    function refundOrder(uint256 orderId, OrderTerms calldata terms, uint96 amount, string calldata reasonCid)
        external;

    /// @notice Buyer disputes a shipped order within its confirmation window; the ruling window starts.
    /// Emits {OrderDisputed}.
    function disputeOrder(uint256 orderId, string calldata evidenceCid) external;

    /// @notice Arbiter rules a dispute: `buyerAmount` of what the order holds to the buyer, the rest to
    /// the merchant. The ruling window binds the arbiter: once it has passed, only {settleDispute}'s
    /// default split can end the dispute, so nobody can race the default with a ruling.
    /// Restricted to ARBITER. Requirements: the ruling window has not passed
    /// ({OrderEscrowRulingWindowClosed}); `buyerAmount` ≤ what the order holds.
    /// Emits {OrderResolved} and {OrderSettled}.
    function ruleDispute(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount, string calldata rulingCid)
        external;

    /// @notice Anyone settles a dispute left unruled past its ruling window with the default split.
    /// Emits {OrderResolved} (arbiter zero) and {OrderSettled}.
    function settleDispute(uint256 orderId, OrderTerms calldata terms) external;

    // ─── Funds ───────────────────────────────────────────────────────────────────────────────

    /// @notice Sends the caller its whole credited balance of `token` (zero for native currency).
    /// Works whatever the state of placement, the merchant or the token's allowance: credits always leave.
    /// Requirements: the escrow holds enough of the token ({OrderEscrowTokenShortfall}, see the token
    /// policy above). Emits {Withdrawn}.
    function withdraw(address token) external;

    /// @notice Credits the treasury with what the escrow holds of `token` beyond what it owes.
    /// Restricted to ADMIN. Requirements: there is a surplus ({OrderEscrowNoSurplus}).
    /// Emits {SurplusSwept}.
    function sweepSurplus(address token) external;

    // ─── Admin ───────────────────────────────────────────────────────────────────────────────

    /// @notice Sets the platform fee and the treasury for orders placed from now on (open orders keep
    /// those of their terms). Restricted to ADMIN.
    /// Requirements: `feeBps` ≤ MAX_FEE_BPS; `treasury` is not zero. Emits {FeeChanged}.
    function setFee(uint16 feeBps, address treasury) external;

    /// @notice Stops new orders; everything else (settlement, refunds, withdrawals) keeps working.
    /// Restricted to PAUSER. Emits {PlacementPaused}.
    function pausePlacement() external;

    /// @notice Resumes new orders. Restricted to PAUSER. Emits {PlacementUnpaused}.
    function unpausePlacement() external;

    /// @notice Revokes a voucher of the caller's merchant: it can no longer be redeemed.
    /// Requirements: the caller operates `voucher.merchant`. Emits {VoucherRevoked}.
    function revokeVoucher(Voucher calldata voucher) external;

    /// @notice Marks an intent nonce of the caller as used, so an intent signed with it can never be placed.
    /// Emits {IntentNonceUsed}.
    function invalidateIntentNonce(uint256 nonce) external;

    // ─── Views ───────────────────────────────────────────────────────────────────────────────

    /// @notice The stored part of an order.
    function orderOf(uint256 orderId)
        external
        view
        returns (address buyer, OrderStatus status, uint40 deadline, bytes32 termsHash);

    /// @notice How much of the order's total partial refunds have given back so far; the order holds the rest.
    function refundedOf(uint256 orderId) external view returns (uint96);

    /// @notice The hash stored for `terms`.
    function hashTerms(OrderTerms calldata terms) external pure returns (bytes32);

    /// @notice The EIP-712 digest a buyer signs for `intent`.
    function hashIntent(OrderIntent calldata intent) external view returns (bytes32);

    /// @notice The EIP-712 digest a merchant signs for `voucher`.
    function hashVoucher(Voucher calldata voucher) external view returns (bytes32);

    /// @notice The credited, unwithdrawn balance of `account` in `token`.
    function balanceOf(address account, address token) external view returns (uint256);

    /// @notice How many times a voucher digest has been redeemed; type(uint32).max once revoked.
    function voucherUses(bytes32 voucherDigest) external view returns (uint32);

    /// @notice What the escrow owes in `token`: open orders' holdings plus unwithdrawn credits.
    function owedOf(address token) external view returns (uint256);

    /// @notice Whether `buyer` has used intent `nonce`.
    function isNonceUsed(address buyer, uint256 nonce) external view returns (bool);

    /// @notice Id of the next order, whether placement is paused, the current fee and treasury.
    function settings() external view returns (uint64 nextOrderId, bool paused, uint16 feeBps, address treasury);

    /// @notice The deployment's windows and default split.
    function config() external view returns (EscrowConfig memory);
}
