// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMerchantRegistry
/// @notice Merchant identity and approval. A merchant is identified by the account that applied (its
/// cold key); it names a payout address and may authorise one hot signer key for listings and orders.
interface IMerchantRegistry {
    enum MerchantStatus {
        None,
        Applied,
        Approved,
        Rejected,
        Suspended
    }

    /// @dev status, payout and counter share one slot: placing an order reads them in one go.
    struct Merchant {
        MerchantStatus status;
        address payout;
        uint64 counter;
        address signer;
    }

    error MerchantRegistryInvalidStatus(address merchant, MerchantStatus status);
    error MerchantRegistryEmptyCid();
    error MerchantRegistryZeroAddress();
    error MerchantRegistryUnknownMerchant(address account);
    error MerchantRegistryNotOperator(address merchant, address caller);

    event MerchantApplied(address indexed merchant, address payout, string profileCid);
    event MerchantApproved(address indexed merchant, address indexed registrar);
    event MerchantRejected(address indexed merchant, address indexed registrar, string reasonCid);
    event MerchantSuspended(address indexed merchant, address indexed registrar, string reasonCid);
    event MerchantReinstated(address indexed merchant, address indexed registrar);
    event MerchantProfileUpdated(address indexed merchant, string profileCid);
    event MerchantPayoutChanged(address indexed merchant, address payout);
    event MerchantSignerChanged(address indexed merchant, address signer);
    event MerchantCounterIncremented(address indexed merchant, uint64 counter);

    /// @notice Applies to become a merchant, or applies again after a rejection.
    /// Requirements: `profileCid` is not empty; `payout` is not zero; the caller is new or rejected.
    /// Emits {MerchantApplied}.
    function register(string calldata profileCid, address payout) external;

    /// @notice Approves an applicant and grants it the MERCHANT role. Restricted to REGISTRAR.
    /// Requirements: `merchant` has applied. Emits {MerchantApproved}.
    function approve(address merchant) external;

    /// @notice Rejects an applicant. Restricted to REGISTRAR.
    /// Requirements: `merchant` has applied. Emits {MerchantRejected}.
    function reject(address merchant, string calldata reasonCid) external;

    /// @notice Suspends an approved merchant and revokes its MERCHANT role: no new listings or orders,
    /// while its open orders can still be refunded, completed and paid out. Restricted to REGISTRAR.
    /// Requirements: `merchant` is approved. Emits {MerchantSuspended}.
    function suspend(address merchant, string calldata reasonCid) external;

    /// @notice Lifts a suspension and grants the MERCHANT role again. Restricted to REGISTRAR.
    /// Requirements: `merchant` is suspended. Emits {MerchantReinstated}.
    function reinstate(address merchant) external;

    /// @notice Replaces the caller's profile document.
    /// Requirements: the caller has applied at least once; `profileCid` is not empty.
    /// Emits {MerchantProfileUpdated}.
    function updateProfile(string calldata profileCid) external;

    /// @notice Changes where the caller's proceeds are credited; applies to every later settlement.
    /// Requirements: the caller is a known merchant; `payout` is not zero. Emits {MerchantPayoutChanged}.
    function setPayout(address payout) external;

    /// @notice Authorises `signer` (a hot key) to sign listings and operate orders for the caller,
    /// replacing any previous signer; zero revokes. Requirements: the caller is a known merchant.
    /// Emits {MerchantSignerChanged}.
    function setSigner(address signer) external;

    /// @notice Invalidates every listing and voucher signed under the merchant's current counter,
    /// published or not (as Seaport's counter does). Requirements: the caller operates `merchant`.
    /// Emits {MerchantCounterIncremented}.
    function incrementCounter(address merchant) external;

    /// @notice The record of `merchant`.
    function merchantOf(address merchant) external view returns (Merchant memory);

    /// @notice Whether `merchant` is approved (not applied, rejected or suspended).
    function isActive(address merchant) external view returns (bool);

    /// @notice Whether `merchant` is approved and the counter its listings must carry; one storage read.
    function listingState(address merchant) external view returns (bool active, uint64 counter);

    /// @notice Where `merchant`'s proceeds are credited.
    function payoutOf(address merchant) external view returns (address);

    /// @notice Whether `account` may sign or operate for `merchant`: the merchant itself or its signer.
    function isOperator(address merchant, address account) external view returns (bool);
}
