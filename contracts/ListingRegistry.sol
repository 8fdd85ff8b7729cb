// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IListingRegistry} from "./interfaces/IListingRegistry.sol";
import {IMerchantRegistry} from "./interfaces/IMerchantRegistry.sol";
import {MerchantSignatures} from "./libraries/MerchantSignatures.sol";
import {OrderLine} from "./types/OrderLine.sol";

/// @title ListingRegistry
contract ListingRegistry is IListingRegistry, AccessManaged, EIP712 {
    using MerchantSignatures for IMerchantRegistry;

    bytes32 private constant _LISTING_TYPEHASH = keccak256(
        "Listing(address merchant,uint256 sku,uint64 version,string metadataCid,uint128 price,address token,"
        "uint96 quantity,uint64 maxPerBuyer,uint40 validFrom,uint40 validUntil,uint64 counter)"
    );

    struct SkuHead {
        bytes32 listingId;
        uint64 version;
    }

    IMerchantRegistry private immutable _MERCHANTS;
    address private _escrow;
    mapping(bytes32 listingId => ListingRecord record) private _listings;
    mapping(address merchant => mapping(uint256 sku => SkuHead)) private _skuHeads;
    mapping(address token => bool allowed) private _allowedTokens;
    mapping(bytes32 listingId => mapping(address buyer => uint256 units)) private _heldByBuyer;

    modifier onlyEscrow() {
        if (msg.sender != _escrow) revert ListingRegistryNotEscrow(msg.sender);
        _;
    }

    constructor(address manager, IMerchantRegistry merchants) AccessManaged(manager) EIP712("CommerceListings", "1") {
        _MERCHANTS = merchants;
    }

    // ─── Merchants ───────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IListingRegistry
    function publish(Listing calldata listing, bytes calldata signature) external returns (bytes32 listingId) {
        listingId = hashListing(listing);
        if (_listings[listingId].status != ListingStatus.None) revert ListingRegistryAlreadyPublished(listingId);
        if (!_MERCHANTS.isSignedByOperator(listing.merchant, listingId, signature)) {
            revert ListingRegistryInvalidSignature(listingId);
        }
        _validate(listing);

        SkuHead storage head = _skuHeads[listing.merchant][listing.sku];
        if (listing.version <= head.version) {
            revert ListingRegistryStaleVersion(listing.sku, listing.version, head.version);
        }
        // Only an active previous version changes status; a cancelled one stays Cancelled and is not reported.
        bytes32 supersedes;
        if (head.listingId != bytes32(0) && _listings[head.listingId].status == ListingStatus.Active) {
            supersedes = head.listingId;
            _listings[supersedes].status = ListingStatus.Superseded;
        }
        head.listingId = listingId;
        head.version = listing.version;

        _listings[listingId] = ListingRecord({
            merchant: listing.merchant,
            validFrom: listing.validFrom,
            validUntil: listing.validUntil,
            status: ListingStatus.Active,
            token: listing.token,
            remaining: listing.quantity,
            price: listing.price,
            counter: listing.counter,
            maxPerBuyer: listing.maxPerBuyer
        });
        emit ListingPublished(listingId, listing.merchant, listing.sku, listing, supersedes);
    }

    /// @inheritdoc IListingRegistry
    function cancel(bytes32 listingId) external {
        ListingRecord storage record = _requireActiveOperated(listingId);
        record.status = ListingStatus.Cancelled;
        emit ListingCancelled(listingId, record.merchant);
    }

    /// @inheritdoc IListingRegistry
    function setStock(bytes32 listingId, uint96 remaining) external {
        _requireActiveOperated(listingId).remaining = remaining;
        emit ListingStockSet(listingId, remaining);
    }

    // ─── Escrow ──────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IListingRegistry
    function reserve(OrderLine[] calldata lines, address token, address buyer)
        external
        onlyEscrow
        returns (address merchant, uint256 subtotal)
    {
        if (lines.length == 0) revert ListingRegistryInvalidField("lines");
        if (token != address(0) && !_allowedTokens[token]) revert ListingRegistryTokenNotAllowed(token);
        merchant = _listings[lines[0].listingId].merchant;
        if (merchant == address(0)) revert ListingRegistryUnknownListing(lines[0].listingId);
        (bool active, uint64 counter) = _MERCHANTS.listingState(merchant);
        if (!active) revert ListingRegistryMerchantNotActive(merchant);
        for (uint256 i = 0; i < lines.length; ++i) {
            bytes32 listingId = lines[i].listingId;
            uint96 quantity = lines[i].quantity;
            ListingRecord storage record = _listings[listingId];
            _requireBuyable(listingId, record, merchant, token, counter);
            if (quantity == 0) revert ListingRegistryInvalidField("quantity");
            if (quantity > record.remaining) {
                revert ListingRegistryInsufficientStock(listingId, quantity, record.remaining);
            }
            record.remaining -= quantity;
            if (record.maxPerBuyer != 0) _holdForBuyer(listingId, buyer, quantity, record.maxPerBuyer);
            subtotal += uint256(record.price) * quantity;
        }
    }

    /// @inheritdoc IListingRegistry
    function release(OrderLine[] calldata lines, address buyer) external onlyEscrow {
        for (uint256 i = 0; i < lines.length; ++i) {
            ListingRecord storage record = _listings[lines[i].listingId];
            if (record.maxPerBuyer != 0) _heldByBuyer[lines[i].listingId][buyer] -= lines[i].quantity;
            // The operator may have raised the stock since the reservation (setStock): saturate rather
            // than overflow, so that restoring stock can never block a cancel, reject, refund or reclaim.
            uint256 restored = uint256(record.remaining) + lines[i].quantity;
            record.remaining = restored > type(uint96).max ? type(uint96).max : uint96(restored);
            emit ListingStockReleased(lines[i].listingId, lines[i].quantity, record.remaining);
        }
    }

    // ─── Admin ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IListingRegistry
    function setTokenAllowed(address token, bool allowed) external restricted {
        if (token == address(0)) revert ListingRegistryInvalidField("token");
        _allowedTokens[token] = allowed;
        emit ListingTokenAllowed(token, allowed);
    }

    /// @inheritdoc IListingRegistry
    function setEscrow(address escrow) external restricted {
        if (_escrow != address(0)) revert ListingRegistryEscrowAlreadySet(_escrow);
        if (escrow == address(0)) revert ListingRegistryInvalidField("escrow");
        _escrow = escrow;
        emit ListingEscrowSet(escrow);
    }

    // ─── Views ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IListingRegistry
    function hashListing(Listing calldata listing) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    _LISTING_TYPEHASH,
                    listing.merchant,
                    listing.sku,
                    listing.version,
                    keccak256(bytes(listing.metadataCid)),
                    listing.price,
                    listing.token,
                    listing.quantity,
                    listing.maxPerBuyer,
                    listing.validFrom,
                    listing.validUntil,
                    listing.counter
                )
            )
        );
    }

    /// @inheritdoc IListingRegistry
    function listingOf(bytes32 listingId) external view returns (ListingRecord memory) {
        return _listings[listingId];
    }

    /// @inheritdoc IListingRegistry
    function currentVersionOf(address merchant, uint256 sku) external view returns (bytes32, uint64) {
        SkuHead storage head = _skuHeads[merchant][sku];
        return (head.listingId, head.version);
    }

    /// @inheritdoc IListingRegistry
    function isTokenAllowed(address token) external view returns (bool) {
        return _allowedTokens[token];
    }

    // ─── Internal ────────────────────────────────────────────────────────────────────────────

    function _validate(Listing calldata listing) private view {
        if (bytes(listing.metadataCid).length == 0) revert ListingRegistryInvalidField("metadataCid");
        if (listing.price == 0) revert ListingRegistryInvalidField("price");
        if (listing.quantity == 0) revert ListingRegistryInvalidField("quantity");
        if (listing.validUntil <= listing.validFrom || listing.validUntil <= block.timestamp) {
            revert ListingRegistryInvalidField("validUntil");
        }
        (bool active, uint64 counter) = _MERCHANTS.listingState(listing.merchant);
        if (!active) revert ListingRegistryMerchantNotActive(listing.merchant);
        if (listing.counter != counter) revert ListingRegistryStaleCounter(listing.merchant, listing.counter, counter);
        if (listing.token != address(0) && !_allowedTokens[listing.token]) {
            revert ListingRegistryTokenNotAllowed(listing.token);
        }
    }

    function _requireBuyable(
        bytes32 listingId,
        ListingRecord storage record,
        address merchant,
        address token,
        uint64 counter
    ) private view {
        if (record.status != ListingStatus.Active) {
            if (record.status == ListingStatus.None) revert ListingRegistryUnknownListing(listingId);
            revert ListingRegistryNotActive(listingId, record.status);
        }
        if (record.merchant != merchant || record.token != token) revert ListingRegistryMixedOrder(listingId);
        if (block.timestamp < record.validFrom || block.timestamp > record.validUntil) {
            revert ListingRegistryOutsideValidity(listingId, record.validFrom, record.validUntil);
        }
        if (record.counter != counter) revert ListingRegistryStaleCounter(merchant, record.counter, counter);
    }

    /// @dev Duplicate lines of one listing in an order add up, so they cannot split a request past the limit.
    function _holdForBuyer(bytes32 listingId, address buyer, uint96 quantity, uint64 maxPerBuyer) private {
        uint256 held = _heldByBuyer[listingId][buyer] + quantity;
        if (held > maxPerBuyer) revert ListingRegistryBuyerLimit(listingId, buyer, held, maxPerBuyer);
        _heldByBuyer[listingId][buyer] = held;
    }

    function _requireOperator(address merchant) private view {
        if (!_MERCHANTS.isOperator(merchant, msg.sender)) revert ListingRegistryNotOperator(merchant, msg.sender);
    }

    function _requireActiveOperated(bytes32 listingId) private view returns (ListingRecord storage record) {
        record = _listings[listingId];
        if (record.status != ListingStatus.Active) revert ListingRegistryNotActive(listingId, record.status);
        _requireOperator(record.merchant);
    }
}
