// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IOrderEscrow} from "./interfaces/IOrderEscrow.sol";
import {IListingRegistry} from "./interfaces/IListingRegistry.sol";
import {IMerchantRegistry} from "./interfaces/IMerchantRegistry.sol";
import {MerchantSignatures} from "./libraries/MerchantSignatures.sol";
import {OrderHashes} from "./libraries/OrderHashes.sol";
import {Roles} from "./libraries/Roles.sol";

/// @title OrderEscrow
contract OrderEscrow is IOrderEscrow, AccessManaged, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using MerchantSignatures for IMerchantRegistry;

    uint16 public constant MAX_FEE_BPS = 1_000;
    // Caps on the deployment's windows, so that deadlines always fit uint40 and no buyer's money is
    // locked longer than a real shop would ask. Shipping: made-to-order and pre-order goods rarely
    // promise delivery beyond six months. Confirmation: sea freight of 4 to 8 weeks plus time to
    // inspect the goods. Ruling: card schemes give a merchant 30 to 45 days to answer a chargeback;
    // three months is ample for an arbiter to gather evidence.
    /// @notice Longest ship-by window a deployment may set: 180 days.
    uint40 public constant MAX_SHIP_WINDOW = 180 days;
    /// @notice Longest confirmation window a deployment may set: 90 days.
    uint40 public constant MAX_CONFIRM_WINDOW = 90 days;
    /// @notice Longest ruling window a deployment may set: 90 days.
    uint40 public constant MAX_RULING_WINDOW = 90 days;
    uint16 private constant _BPS = 10_000;
    uint32 private constant _REVOKED = type(uint32).max;

    /// @dev Read together on every placement: one storage slot.
    struct Settings {
        uint64 nextOrderId;
        bool paused;
        uint16 feeBps;
        address treasury;
    }

    /// @dev Two slots: buyer, status and deadline; then the hash of the immutable terms.
    struct OrderRecord {
        address buyer;
        OrderStatus status;
        uint40 deadline;
        bytes32 termsHash;
    }

    IMerchantRegistry private immutable _MERCHANTS;
    IListingRegistry private immutable _LISTINGS;
    uint40 private immutable _SHIP_WINDOW;
    uint40 private immutable _CONFIRM_WINDOW;
    uint40 private immutable _RULING_WINDOW;
    uint16 private immutable _DEFAULT_BUYER_BPS;
    bool private immutable _BUYER_ALLOW_LIST;

    Settings private _settings;
    mapping(uint256 orderId => OrderRecord record) private _orders;
    mapping(uint256 orderId => uint96 amount) private _refunded;
    mapping(address account => mapping(address token => uint256)) private _balances;
    mapping(bytes32 voucherDigest => uint32 uses) private _voucherUses;
    mapping(address buyer => mapping(uint256 nonce => bool)) private _usedNonces;
    mapping(address token => uint256 amount) private _owed;

    constructor(
        address manager,
        IMerchantRegistry merchants,
        IListingRegistry listings,
        EscrowConfig memory escrowConfig,
        uint16 feeBps,
        address treasury
    ) AccessManaged(manager) EIP712("CommerceEscrow", "1") {
        _checkWindow("shipWindow", escrowConfig.shipWindow, MAX_SHIP_WINDOW);
        _checkWindow("confirmWindow", escrowConfig.confirmWindow, MAX_CONFIRM_WINDOW);
        _checkWindow("rulingWindow", escrowConfig.rulingWindow, MAX_RULING_WINDOW);
        if (escrowConfig.defaultBuyerBps > _BPS) revert OrderEscrowInvalidConfig("defaultBuyerBps");
        _MERCHANTS = merchants;
        _LISTINGS = listings;
        _SHIP_WINDOW = escrowConfig.shipWindow;
        _CONFIRM_WINDOW = escrowConfig.confirmWindow;
        _RULING_WINDOW = escrowConfig.rulingWindow;
        _DEFAULT_BUYER_BPS = escrowConfig.defaultBuyerBps;
        _BUYER_ALLOW_LIST = escrowConfig.buyerAllowList;
        _settings.nextOrderId = 1;
        _setFee(feeBps, treasury);
    }

    // ─── Placement ───────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IOrderEscrow
    function placeOrder(OrderRequest calldata request) external payable nonReentrant returns (uint256 orderId) {
        address merchant;
        uint256 subtotal;
        (orderId, merchant, subtotal) = _reserve(msg.sender, request);
        _open(orderId, msg.sender, merchant, request, subtotal);
    }

    /// @inheritdoc IOrderEscrow
    function placeOrderWithVoucher(OrderRequest calldata request, SignedVoucher calldata voucher)
        external
        payable
        nonReentrant
        returns (uint256)
    {
        return _placeWithVoucher(msg.sender, request, voucher);
    }

    /// @inheritdoc IOrderEscrow
    function placeOrderWithPermit(OrderRequest calldata request, SignedVoucher calldata voucher, Permit calldata permit)
        external
        nonReentrant
        returns (uint256)
    {
        if (request.token == address(0)) revert OrderEscrowNativePermit();
        _tryPermit(request.token, msg.sender, permit);
        return _placeWithVoucher(msg.sender, request, voucher);
    }

    /// @inheritdoc IOrderEscrow
    function placeOrderFor(
        OrderIntent calldata intent,
        bytes calldata signature,
        SignedVoucher calldata voucher,
        Permit calldata permit
    ) external nonReentrant returns (uint256) {
        address buyer = intent.buyer;
        if (intent.request.token == address(0)) revert OrderEscrowNativeIntent();
        if (block.timestamp > intent.deadline) revert OrderEscrowIntentExpired(intent.deadline);
        bytes32 supplied = voucher.voucher.merchant == address(0) ? bytes32(0) : hashVoucher(voucher.voucher);
        if (supplied != intent.voucher) revert OrderEscrowIntentVoucherMismatch(intent.voucher, supplied);
        if (!SignatureChecker.isValidSignatureNowCalldata(buyer, hashIntent(intent), signature)) {
            revert OrderEscrowInvalidSignature(buyer);
        }
        _useNonce(buyer, intent.nonce);
        if (permit.deadline != 0) _tryPermit(intent.request.token, buyer, permit);
        return _placeWithVoucher(buyer, intent.request, voucher);
    }

    // ─── Lifecycle ───────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IOrderEscrow
    function cancelOrder(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        if (msg.sender != order.buyer) revert OrderEscrowNotBuyer(orderId, msg.sender);
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Placed);
        order.status = OrderStatus.Cancelled;
        _LISTINGS.release(terms.lines, terms.buyer);
        emit OrderCancelled(orderId);
        _settleAllTo(orderId, terms, terms.buyer);
    }

    /// @inheritdoc IOrderEscrow
    function acceptOrder(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireMerchant(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Placed);
        order.status = OrderStatus.Accepted;
        emit OrderAccepted(orderId);
    }

    /// @inheritdoc IOrderEscrow
    function rejectOrder(uint256 orderId, OrderTerms calldata terms, string calldata reasonCid) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireMerchant(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Accepted);
        order.status = OrderStatus.Rejected;
        _LISTINGS.release(terms.lines, terms.buyer);
        emit OrderRejected(orderId, reasonCid);
        _settleAllTo(orderId, terms, terms.buyer);
    }

    /// @inheritdoc IOrderEscrow
    function shipOrder(uint256 orderId, OrderTerms calldata terms, string calldata trackingCid) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireMerchant(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Accepted);
        if (block.timestamp > order.deadline) revert OrderEscrowDeadlinePassed(orderId, order.deadline);
        uint40 confirmBy = uint40(block.timestamp) + _CONFIRM_WINDOW;
        order.status = OrderStatus.Shipped;
        order.deadline = confirmBy;
        emit OrderShipped(orderId, trackingCid, confirmBy);
    }

    /// @inheritdoc IOrderEscrow
    function confirmDelivery(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        if (msg.sender != order.buyer) revert OrderEscrowNotBuyer(orderId, msg.sender);
        _requireStatus(orderId, order, OrderStatus.Shipped, OrderStatus.Disputed);
        order.status = OrderStatus.Completed;
        emit OrderCompleted(orderId, true);
        _settleAllTo(orderId, terms, terms.merchant);
    }

    /// @inheritdoc IOrderEscrow
    function finalizeOrder(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Shipped, OrderStatus.Shipped);
        _requireDeadlinePassed(orderId, order);
        order.status = OrderStatus.Completed;
        emit OrderCompleted(orderId, false);
        _settleAllTo(orderId, terms, terms.merchant);
    }

    /// @inheritdoc IOrderEscrow
    function reclaimOrder(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Accepted);
        _requireDeadlinePassed(orderId, order);
        order.status = OrderStatus.Reclaimed;
        _LISTINGS.release(terms.lines, terms.buyer);
        emit OrderReclaimed(orderId);
        _settleAllTo(orderId, terms, terms.buyer);
    }

    /// @inheritdoc IOrderEscrow
    function refundOrder(uint256 orderId, OrderTerms calldata terms, uint96 amount, string calldata reasonCid)
        external
        nonReentrant
    {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireMerchant(orderId, terms);
        OrderStatus status = order.status;
        _requireStatus(orderId, order, OrderStatus.Placed, OrderStatus.Disputed);
        uint96 remaining = _remainingOf(orderId, terms);
        if (amount == 0 || amount > remaining) revert OrderEscrowInvalidRefund(orderId, amount, remaining);
        if (amount < remaining) {
            // A partial refund only ever gives money back: the order stays open for the rest.
            _refunded[orderId] = terms.total - (remaining - amount);
            emit OrderRefunded(orderId, amount, remaining - amount, reasonCid);
            _credit(terms.buyer, terms.token, amount);
            return;
        }
        order.status = OrderStatus.Refunded;
        if (status <= OrderStatus.Accepted) _LISTINGS.release(terms.lines, terms.buyer);
        emit OrderRefunded(orderId, amount, 0, reasonCid);
        _settle(orderId, terms, remaining, remaining);
    }

    /// @inheritdoc IOrderEscrow
    function disputeOrder(uint256 orderId, string calldata evidenceCid) external nonReentrant {
        OrderRecord storage order = _orders[orderId];
        if (order.buyer == address(0)) revert OrderEscrowUnknownOrder(orderId);
        if (msg.sender != order.buyer) revert OrderEscrowNotBuyer(orderId, msg.sender);
        _requireStatus(orderId, order, OrderStatus.Shipped, OrderStatus.Shipped);
        if (block.timestamp > order.deadline) revert OrderEscrowDeadlinePassed(orderId, order.deadline);
        uint40 ruleBy = uint40(block.timestamp) + _RULING_WINDOW;
        order.status = OrderStatus.Disputed;
        order.deadline = ruleBy;
        emit OrderDisputed(orderId, evidenceCid, ruleBy);
    }

    /// @inheritdoc IOrderEscrow
    function ruleDispute(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount, string calldata rulingCid)
        external
        restricted
        nonReentrant
    {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Disputed, OrderStatus.Disputed);
        // After the window only the default split applies: {settleDispute} takes over from the same second.
        if (block.timestamp > order.deadline) revert OrderEscrowRulingWindowClosed(orderId, order.deadline);
        uint96 remaining = _remainingOf(orderId, terms);
        if (buyerAmount > remaining) revert OrderEscrowAmountTooLarge(buyerAmount);
        order.status = OrderStatus.Resolved;
        emit OrderResolved(orderId, msg.sender, buyerAmount, rulingCid);
        _settle(orderId, terms, remaining, buyerAmount);
    }

    /// @inheritdoc IOrderEscrow
    function settleDispute(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        OrderRecord storage order = _orderFor(orderId, terms);
        _requireStatus(orderId, order, OrderStatus.Disputed, OrderStatus.Disputed);
        _requireDeadlinePassed(orderId, order);
        uint96 remaining = _remainingOf(orderId, terms);
        uint96 buyerAmount = uint96(uint256(remaining) * _DEFAULT_BUYER_BPS / _BPS);
        order.status = OrderStatus.Resolved;
        emit OrderResolved(orderId, address(0), buyerAmount, "");
        _settle(orderId, terms, remaining, buyerAmount);
    }

    // ─── Funds ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IOrderEscrow
    function withdraw(address token) external nonReentrant {
        uint256 amount = _balances[msg.sender][token];
        if (amount == 0) revert OrderEscrowNothingToWithdraw(msg.sender, token);
        uint256 held = _held(token);
        if (held < amount) revert OrderEscrowTokenShortfall(token, _owed[token], held);
        _balances[msg.sender][token] = 0;
        _owed[token] -= amount;
        emit Withdrawn(msg.sender, token, amount);
        if (token == address(0)) {
            Address.sendValue(payable(msg.sender), amount);
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    /// @inheritdoc IOrderEscrow
    function sweepSurplus(address token) external restricted nonReentrant {
        uint256 held = _held(token);
        uint256 owed = _owed[token];
        if (held <= owed) revert OrderEscrowNoSurplus(token);
        address treasury = _settings.treasury;
        _balances[treasury][token] += held - owed;
        _owed[token] = held;
        emit SurplusSwept(token, treasury, held - owed);
    }

    // ─── Admin ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IOrderEscrow
    function setFee(uint16 feeBps, address treasury) external restricted {
        _setFee(feeBps, treasury);
    }

    /// @inheritdoc IOrderEscrow
    function pausePlacement() external restricted {
        _settings.paused = true;
        emit PlacementPaused(msg.sender);
    }

    /// @inheritdoc IOrderEscrow
    function unpausePlacement() external restricted {
        _settings.paused = false;
        emit PlacementUnpaused(msg.sender);
    }

    /// @inheritdoc IOrderEscrow
    function revokeVoucher(Voucher calldata voucher) external {
        if (!_MERCHANTS.isOperator(voucher.merchant, msg.sender)) {
            revert OrderEscrowVoucherInvalid(voucher.id, "merchant");
        }
        bytes32 digest = hashVoucher(voucher);
        _voucherUses[digest] = _REVOKED;
        emit VoucherRevoked(voucher.id, voucher.merchant, digest);
    }

    /// @inheritdoc IOrderEscrow
    function invalidateIntentNonce(uint256 nonce) external {
        _useNonce(msg.sender, nonce);
    }

    // ─── Views ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IOrderEscrow
    function orderOf(uint256 orderId) external view returns (address, OrderStatus, uint40, bytes32) {
        OrderRecord storage order = _orders[orderId];
        return (order.buyer, order.status, order.deadline, order.termsHash);
    }

    /// @inheritdoc IOrderEscrow
    function refundedOf(uint256 orderId) external view returns (uint96) {
        return _refunded[orderId];
    }

    /// @inheritdoc IOrderEscrow
    function hashTerms(OrderTerms calldata terms) external pure returns (bytes32) {
        return OrderHashes.terms(terms);
    }

    /// @inheritdoc IOrderEscrow
    function hashIntent(OrderIntent calldata intent) public view returns (bytes32) {
        return _hashTypedDataV4(OrderHashes.intent(intent));
    }

    /// @inheritdoc IOrderEscrow
    function hashVoucher(Voucher calldata voucher) public view returns (bytes32) {
        return _hashTypedDataV4(OrderHashes.voucher(voucher));
    }

    /// @inheritdoc IOrderEscrow
    function balanceOf(address account, address token) external view returns (uint256) {
        return _balances[account][token];
    }

    /// @inheritdoc IOrderEscrow
    function voucherUses(bytes32 voucherDigest) external view returns (uint32) {
        return _voucherUses[voucherDigest];
    }

    /// @inheritdoc IOrderEscrow
    function owedOf(address token) external view returns (uint256) {
        return _owed[token];
    }

    /// @inheritdoc IOrderEscrow
    function isNonceUsed(address buyer, uint256 nonce) external view returns (bool) {
        return _usedNonces[buyer][nonce];
    }

    /// @inheritdoc IOrderEscrow
    function settings() external view returns (uint64, bool, uint16, address) {
        Settings memory s = _settings;
        return (s.nextOrderId, s.paused, s.feeBps, s.treasury);
    }

    /// @inheritdoc IOrderEscrow
    function config() external view returns (EscrowConfig memory) {
        return EscrowConfig(_SHIP_WINDOW, _CONFIRM_WINDOW, _RULING_WINDOW, _DEFAULT_BUYER_BPS, _BUYER_ALLOW_LIST);
    }

    // ─── Internal ────────────────────────────────────────────────────────────────────────────

    /// @dev First half of placement: checks the buyer may order, numbers the order and reserves stock.
    function _reserve(address buyer, OrderRequest calldata request)
        private
        returns (uint256 orderId, address merchant, uint256 subtotal)
    {
        Settings memory s = _settings;
        if (s.paused) revert OrderEscrowPaused();
        if (_BUYER_ALLOW_LIST) {
            (bool isBuyer,) = IAccessManager(authority()).hasRole(Roles.BUYER, buyer);
            if (!isBuyer) revert OrderEscrowBuyerNotAllowed(buyer);
        }
        orderId = s.nextOrderId;
        _settings.nextOrderId = s.nextOrderId + 1;
        (merchant, subtotal) = _LISTINGS.reserve(request.lines, request.token, buyer);
    }

    /// @dev Second half: takes payment of `goods` (the lines less any discount) plus the shipping charge, and
    /// records the order.
    function _open(uint256 orderId, address buyer, address merchant, OrderRequest calldata request, uint256 goods)
        private
    {
        uint256 total = goods + request.shipping;
        if (total > request.maxTotal) revert OrderEscrowTotalAboveMax(total, request.maxTotal);
        if (total > type(uint96).max) revert OrderEscrowAmountTooLarge(total);
        _collect(buyer, request.token, total);
        uint40 shipBy = uint40(block.timestamp) + _SHIP_WINDOW;
        Settings storage s = _settings;
        OrderTerms memory terms =
            OrderTerms(buyer, merchant, request.token, uint96(total), s.feeBps, s.treasury, request.lines);
        _orders[orderId] = OrderRecord(buyer, OrderStatus.Placed, shipBy, OrderHashes.terms(terms));
        emit OrderPlaced(orderId, buyer, merchant, terms, shipBy, request.shippingCid, request.shipping);
    }

    function _placeWithVoucher(address buyer, OrderRequest calldata request, SignedVoucher calldata voucher)
        private
        returns (uint256 orderId)
    {
        (uint256 id, address merchant, uint256 subtotal) = _reserve(buyer, request);
        uint96 discount = _redeemVoucher(voucher, merchant, buyer, subtotal, id);
        _open(id, buyer, merchant, request, subtotal - discount);
        return id;
    }

    /// @dev Settles everything still held for the order on one party: the buyer or the merchant.
    function _settleAllTo(uint256 orderId, OrderTerms calldata terms, address party) private {
        uint96 remaining = _remainingOf(orderId, terms);
        _settle(orderId, terms, remaining, party == terms.buyer ? remaining : 0);
    }

    /// @dev Splits `remaining` (the total less partial refunds) into `buyerAmount` for the buyer and the
    /// rest, less the fee fixed at placement (for the treasury of the terms), for the merchant's current
    /// payout address. Credits are
    /// withdrawn later (pull payment), so a receiver that reverts can only block its own withdrawal.
    function _settle(uint256 orderId, OrderTerms calldata terms, uint96 remaining, uint96 buyerAmount) private {
        uint96 merchantGross = remaining - buyerAmount;
        uint96 fee = uint96(uint256(merchantGross) * terms.feeBps / _BPS);
        uint96 merchantAmount = merchantGross - fee;
        address payout = _MERCHANTS.payoutOf(terms.merchant);
        _credit(terms.buyer, terms.token, buyerAmount);
        _credit(payout, terms.token, merchantAmount);
        _credit(terms.treasury, terms.token, fee);
        emit OrderSettled(orderId, payout, merchantAmount, buyerAmount, fee);
    }

    function _remainingOf(uint256 orderId, OrderTerms calldata terms) private view returns (uint96) {
        return terms.total - _refunded[orderId];
    }

    function _credit(address account, address token, uint96 amount) private {
        if (amount != 0) _balances[account][token] += amount;
    }

    /// @dev What the escrow holds of `token`: for native currency its balance, which already includes
    /// `msg.value` during a placement.
    function _held(address token) private view returns (uint256) {
        return token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
    }

    function _collect(address payer, address token, uint256 amount) private {
        _owed[token] += amount;
        if (token == address(0)) {
            if (msg.value != amount) revert OrderEscrowIncorrectPayment(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert OrderEscrowIncorrectPayment(0, msg.value);
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(payer, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert OrderEscrowTransferMismatch(token, amount, received);
    }

    function _redeemVoucher(
        SignedVoucher calldata signed,
        address merchant,
        address buyer,
        uint256 subtotal,
        uint256 orderId
    ) private returns (uint96 discount) {
        Voucher calldata voucher = signed.voucher;
        if (voucher.merchant == address(0)) return 0;
        if (voucher.merchant != merchant) revert OrderEscrowVoucherInvalid(voucher.id, "merchant");
        if (voucher.buyer != address(0) && voucher.buyer != buyer) {
            revert OrderEscrowVoucherInvalid(voucher.id, "buyer");
        }
        if (block.timestamp > voucher.expiry) revert OrderEscrowVoucherInvalid(voucher.id, "expiry");
        if (subtotal < voucher.minTotal) revert OrderEscrowVoucherInvalid(voucher.id, "minTotal");
        if ((voucher.amountOff == 0) == (voucher.bpsOff == 0) || voucher.bpsOff > _BPS) {
            revert OrderEscrowVoucherInvalid(voucher.id, "discount");
        }
        (, uint64 counter) = _MERCHANTS.listingState(merchant);
        if (voucher.counter != counter) revert OrderEscrowVoucherInvalid(voucher.id, "counter");
        bytes32 digest = hashVoucher(voucher);
        if (!_MERCHANTS.isSignedByOperator(merchant, digest, signed.signature)) {
            revert OrderEscrowVoucherInvalid(voucher.id, "signature");
        }
        uint32 uses = _voucherUses[digest];
        if (uses == _REVOKED) revert OrderEscrowVoucherInvalid(voucher.id, "revoked");
        if (uses >= voucher.maxUses) revert OrderEscrowVoucherInvalid(voucher.id, "maxUses");
        _voucherUses[digest] = uses + 1;
        uint256 off = voucher.amountOff != 0 ? voucher.amountOff : subtotal * voucher.bpsOff / _BPS;
        discount = uint96(off < subtotal ? off : subtotal);
        emit VoucherRedeemed(voucher.id, merchant, orderId, discount);
    }

    function _tryPermit(address token, address owner, Permit calldata permit) private {
        // A front-runner may spend the permit first; placement then proceeds on the allowance it left,
        // so a failed permit is deliberately ignored (both blocks empty).
        // solhint-disable no-empty-blocks
        try IERC20Permit(token).permit(
            owner, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s
        ) {} catch {}
        // solhint-enable no-empty-blocks
    }

    function _useNonce(address buyer, uint256 nonce) private {
        if (_usedNonces[buyer][nonce]) revert OrderEscrowNonceUsed(buyer, nonce);
        _usedNonces[buyer][nonce] = true;
        emit IntentNonceUsed(buyer, nonce);
    }

    function _setFee(uint16 feeBps, address treasury) private {
        if (feeBps > MAX_FEE_BPS) revert OrderEscrowFeeTooHigh(feeBps, MAX_FEE_BPS);
        if (treasury == address(0)) revert OrderEscrowZeroAddress();
        _settings.feeBps = feeBps;
        _settings.treasury = treasury;
        emit FeeChanged(feeBps, treasury);
    }

    function _checkWindow(string memory field, uint40 window, uint40 maxWindow) private pure {
        if (window == 0) revert OrderEscrowInvalidConfig(field);
        if (window > maxWindow) revert OrderEscrowWindowTooLong(field, window, maxWindow);
    }

    function _orderFor(uint256 orderId, OrderTerms calldata terms) private view returns (OrderRecord storage order) {
        order = _orders[orderId];
        if (order.buyer == address(0)) revert OrderEscrowUnknownOrder(orderId);
        if (OrderHashes.terms(terms) != order.termsHash) revert OrderEscrowTermsMismatch(orderId);
    }

    function _requireMerchant(uint256 orderId, OrderTerms calldata terms) private view {
        if (!_MERCHANTS.isOperator(terms.merchant, msg.sender)) revert OrderEscrowNotMerchant(orderId, msg.sender);
    }

    /// @dev Status must lie in [from, to] of the OrderStatus order, which lists open states first.
    function _requireStatus(uint256 orderId, OrderRecord storage order, OrderStatus from, OrderStatus to)
        private
        view
    {
        OrderStatus status = order.status;
        if (status < from || status > to) revert OrderEscrowInvalidStatus(orderId, status);
    }

    function _requireDeadlinePassed(uint256 orderId, OrderRecord storage order) private view {
        if (block.timestamp <= order.deadline) revert OrderEscrowDeadlineNotReached(orderId, order.deadline);
    }
}
