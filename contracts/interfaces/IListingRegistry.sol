// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderLine} from "../types/OrderLine.sol";

/// @title IListingRegistry
/// @notice EIP-712 signed product listings with stock. A listing is signed off chain by its merchant
/// (or the merchant's authorised signer) and published by anyone; its id is its EIP-712 digest, so it
/// is bound to this chain and this contract. Stock only moves through the escrow, and never below zero.
interface IListingRegistry {
    /// @notice The signed listing. `version` orders the versions of one SKU: a higher version
    /// supersedes the current one. `counter` must equal the merchant's counter
    /// (see {IMerchantRegistry-incrementCounter}). `maxPerBuyer` limits how many units of this version one
    /// buyer may hold in orders that have not given stock back (zero: no limit), so that one account cannot
    /// reserve the whole stock and cancel later.
    struct Listing {
        address merchant;
        uint256 sku;
        uint64 version;
        string metadataCid;
        uint128 price;
        address token;
        uint96 quantity;
        uint64 maxPerBuyer;
        uint40 validFrom;
        uint40 validUntil;
        uint64 counter;
    }

    enum ListingStatus {
        None,
        Active,
        Superseded,
        Cancelled
    }

    /// @notice What the chain keeps of a published listing.
    struct ListingRecord {
        address merchant;
        uint40 validFrom;
        uint40 validUntil;
        ListingStatus status;
        address token;
        uint96 remaining;
        uint128 price;
        uint64 counter;
        uint64 maxPerBuyer;
    }

    error ListingRegistryInvalidSignature(bytes32 listingId);
    error ListingRegistryAlreadyPublished(bytes32 listingId);
    error ListingRegistryUnknownListing(bytes32 listingId);
    error ListingRegistryNotActive(bytes32 listingId, ListingStatus status);
    error ListingRegistryMerchantNotActive(address merchant);
    error ListingRegistryStaleVersion(uint256 sku, uint64 version, uint64 currentVersion);
    error ListingRegistryStaleCounter(address merchant, uint64 counter, uint64 currentCounter);
    error ListingRegistryOutsideValidity(bytes32 listingId, uint40 validFrom, uint40 validUntil);
    error ListingRegistryInvalidField(string field);
    error ListingRegistryTokenNotAllowed(address token);
    error ListingRegistryInsufficientStock(bytes32 listingId, uint96 requested, uint96 remaining);
    error ListingRegistryBuyerLimit(bytes32 listingId, address buyer, uint256 requested, uint64 maxPerBuyer);
    error ListingRegistryMixedOrder(bytes32 listingId);
    error ListingRegistryNotOperator(address merchant, address caller);
    error ListingRegistryNotEscrow(address caller);
    error ListingRegistryEscrowAlreadySet(address escrow);

    /// @notice The whole signed listing is in the event, so readers never need the signature or a call.
    /// `supersedes` is the previous version that this one made Superseded: zero when the SKU had no
    /// active version (first version, or the previous one was cancelled).
    event ListingPublished(
        bytes32 indexed listingId, address indexed merchant, uint256 indexed sku, Listing listing, bytes32 supersedes
    );
    event ListingCancelled(bytes32 indexed listingId, address indexed merchant);
    event ListingStockSet(bytes32 indexed listingId, uint96 remaining);
    event ListingStockReleased(bytes32 indexed listingId, uint96 quantity, uint96 remaining);
    event ListingTokenAllowed(address indexed token, bool allowed);
    event ListingEscrowSet(address indexed escrow);

    /// @notice Publishes a signed listing; anyone may relay it.
    /// Requirements: `signature` is the merchant's or its authorised signer's (EOA or ERC-1271);
    /// the merchant is approved; the listing was never published; `version` is above the SKU's current
    /// version; `counter` is the merchant's current counter; the validity window is open-ended in the
    /// future and non-empty; price and quantity are non-zero; the token is native (zero) or allowed.
    /// Emits {ListingPublished}; the SKU's previous version, if still active, becomes Superseded.
    function publish(Listing calldata listing, bytes calldata signature) external returns (bytes32 listingId);

    /// @notice Cancels one listing. Requirements: the caller operates the listing's merchant and the
    /// listing is active. Emits {ListingCancelled}.
    function cancel(bytes32 listingId) external;

    /// @notice Sets the remaining stock of a listing. Requirements: the caller operates the listing's
    /// merchant and the listing is active. Emits {ListingStockSet}.
    function setStock(bytes32 listingId, uint96 remaining) external;

    /// @notice Reserves stock for an order and prices it. Called by the escrow only.
    /// Requirements: every listing is active, within its validity window, signed under its merchant's
    /// current counter, of one approved merchant, paid in `token`, and has the stock requested; `buyer`
    /// stays within each listing's `maxPerBuyer` ({ListingRegistryBuyerLimit}).
    /// The reservation is reported by the escrow's order event, not here.
    function reserve(OrderLine[] calldata lines, address token, address buyer)
        external
        returns (address merchant, uint256 subtotal);

    /// @notice Gives reserved stock back when an order ends without delivery, and the units back to
    /// `buyer`'s limit. Called by the escrow only.
    /// Never reverts on the stock level: restored stock saturates at the uint96 maximum.
    /// Emits {ListingStockReleased} per line.
    function release(OrderLine[] calldata lines, address buyer) external;

    /// @notice Allows or disallows an ERC-20 token for new listings and orders. Restricted to ADMIN.
    /// Emits {ListingTokenAllowed}.
    function setTokenAllowed(address token, bool allowed) external;

    /// @notice Names the escrow, once. Restricted to ADMIN. Emits {ListingEscrowSet}.
    function setEscrow(address escrow) external;

    /// @notice The EIP-712 digest of `listing`, which is also its id.
    function hashListing(Listing calldata listing) external view returns (bytes32);

    /// @notice What the chain holds of `listingId`.
    function listingOf(bytes32 listingId) external view returns (ListingRecord memory);

    /// @notice The current listing id and version of a merchant's SKU.
    function currentVersionOf(address merchant, uint256 sku) external view returns (bytes32 listingId, uint64 version);

    /// @notice Whether ERC-20 `token` may be used for payment.
    function isTokenAllowed(address token) external view returns (bool);
}
