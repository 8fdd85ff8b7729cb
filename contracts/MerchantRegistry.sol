// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IMerchantRegistry} from "./interfaces/IMerchantRegistry.sol";
import {Roles} from "./libraries/Roles.sol";

/// @title MerchantRegistry
contract MerchantRegistry is IMerchantRegistry, AccessManaged {
    mapping(address merchant => Merchant record) private _merchants;

    constructor(address manager) AccessManaged(manager) {}

    // ─── Applicant and merchant ──────────────────────────────────────────────────────────────

    /// @inheritdoc IMerchantRegistry
    function register(string calldata profileCid, address payout) external {
        Merchant storage merchant = _merchants[msg.sender];
        if (merchant.status != MerchantStatus.None && merchant.status != MerchantStatus.Rejected) {
            revert MerchantRegistryInvalidStatus(msg.sender, merchant.status);
        }
        _requireCid(profileCid);
        if (payout == address(0)) revert MerchantRegistryZeroAddress();
        merchant.status = MerchantStatus.Applied;
        merchant.payout = payout;
        emit MerchantApplied(msg.sender, payout, profileCid);
    }

    /// @inheritdoc IMerchantRegistry
    function updateProfile(string calldata profileCid) external {
        _requireKnown(msg.sender);
        _requireCid(profileCid);
        emit MerchantProfileUpdated(msg.sender, profileCid);
    }

    /// @inheritdoc IMerchantRegistry
    function setPayout(address payout) external {
        _requireKnown(msg.sender);
        if (payout == address(0)) revert MerchantRegistryZeroAddress();
        _merchants[msg.sender].payout = payout;
        emit MerchantPayoutChanged(msg.sender, payout);
    }

    /// @inheritdoc IMerchantRegistry
    function setSigner(address signer) external {
        _requireKnown(msg.sender);
        _merchants[msg.sender].signer = signer;
        emit MerchantSignerChanged(msg.sender, signer);
    }

    /// @inheritdoc IMerchantRegistry
    function incrementCounter(address merchant) external {
        if (!isOperator(merchant, msg.sender)) revert MerchantRegistryNotOperator(merchant, msg.sender);
        uint64 counter = ++_merchants[merchant].counter;
        emit MerchantCounterIncremented(merchant, counter);
    }

    // ─── Registrar ───────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IMerchantRegistry
    function approve(address merchant) external restricted {
        _transition(merchant, MerchantStatus.Applied, MerchantStatus.Approved);
        IAccessManager(authority()).grantRole(Roles.MERCHANT, merchant, 0);
        emit MerchantApproved(merchant, msg.sender);
    }

    /// @inheritdoc IMerchantRegistry
    function reject(address merchant, string calldata reasonCid) external restricted {
        _transition(merchant, MerchantStatus.Applied, MerchantStatus.Rejected);
        emit MerchantRejected(merchant, msg.sender, reasonCid);
    }

    /// @inheritdoc IMerchantRegistry
    function suspend(address merchant, string calldata reasonCid) external restricted {
        _transition(merchant, MerchantStatus.Approved, MerchantStatus.Suspended);
        IAccessManager(authority()).revokeRole(Roles.MERCHANT, merchant);
        emit MerchantSuspended(merchant, msg.sender, reasonCid);
    }

    /// @inheritdoc IMerchantRegistry
    function reinstate(address merchant) external restricted {
        _transition(merchant, MerchantStatus.Suspended, MerchantStatus.Approved);
        IAccessManager(authority()).grantRole(Roles.MERCHANT, merchant, 0);
        emit MerchantReinstated(merchant, msg.sender);
    }

    // ─── Views ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IMerchantRegistry
    function merchantOf(address merchant) external view returns (Merchant memory) {
        return _merchants[merchant];
    }

    /// @inheritdoc IMerchantRegistry
    function isActive(address merchant) external view returns (bool) {
        return _merchants[merchant].status == MerchantStatus.Approved;
    }

    /// @inheritdoc IMerchantRegistry
    function listingState(address merchant) external view returns (bool active, uint64 counter) {
        Merchant storage record = _merchants[merchant];
        return (record.status == MerchantStatus.Approved, record.counter);
    }

    /// @inheritdoc IMerchantRegistry
    function payoutOf(address merchant) external view returns (address) {
        return _merchants[merchant].payout;
    }

    /// @inheritdoc IMerchantRegistry
    function isOperator(address merchant, address account) public view returns (bool) {
        if (_merchants[merchant].status == MerchantStatus.None) return false;
        return account == merchant || (account != address(0) && account == _merchants[merchant].signer);
    }

    // ─── Internal ────────────────────────────────────────────────────────────────────────────

    function _transition(address merchant, MerchantStatus from, MerchantStatus to) private {
        MerchantStatus status = _merchants[merchant].status;
        if (status != from) revert MerchantRegistryInvalidStatus(merchant, status);
        _merchants[merchant].status = to;
    }

    function _requireKnown(address account) private view {
        if (_merchants[account].status == MerchantStatus.None) revert MerchantRegistryUnknownMerchant(account);
    }

    function _requireCid(string calldata cid) private pure {
        if (bytes(cid).length == 0) revert MerchantRegistryEmptyCid();
    }
}
