// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IProvenance
/// @notice EPCIS-shaped traceability of physical items. An item (or batch, or shipment container) has one
/// custodian; an item packed into a container follows the container's custodian until unpacked.
/// Events record what (item ids), when (event time), where (location id), why (business step and
/// disposition) and evidence (a CID). Events are never rewritten: a correction is a new event that
/// names the one it corrects.
interface IProvenance {
    enum ItemStatus {
        None,
        Active,
        Consumed
    }

    /// @notice `custodian` holds the item unless it is `contained`, when its outermost container's does.
    struct ItemRecord {
        address custodian;
        ItemStatus status;
        bool contained;
    }

    struct NewItem {
        bytes32 itemId;
        bytes32 listingId;
        uint96 quantity;
        string epc;
    }

    /// @notice EPCIS dimensions; URIs such as urn:epcglobal:cbv:bizstep:shipping. Zero `eventTime` means now.
    struct EventData {
        uint40 eventTime;
        string bizStep;
        string disposition;
        string location;
        string evidenceCid;
    }

    error ProvenanceItemExists(bytes32 itemId);
    error ProvenanceUnknownItem(bytes32 itemId);
    error ProvenanceItemConsumed(bytes32 itemId);
    error ProvenanceNotCustodian(bytes32 itemId, address caller);
    error ProvenanceNotPendingCustodian(bytes32 itemId, address caller);
    error ProvenanceItemContained(bytes32 itemId);
    error ProvenanceNotInContainer(bytes32 itemId, bytes32 containerId);
    error ProvenanceCycle(bytes32 containerId, bytes32 itemId);
    error ProvenanceContainerNotEmpty(bytes32 containerId);
    error ProvenanceUnknownEvent(uint256 eventId);
    error ProvenanceNotRecorder(uint256 eventId, address caller);
    error ProvenanceFutureEvent(uint40 eventTime);
    error ProvenanceEmpty(string field);
    error ProvenanceZeroAddress();
    error ProvenanceNestingTooDeep(bytes32 containerId, uint256 levels, uint256 maxLevels);

    event ItemRegistered(
        bytes32 indexed itemId, bytes32 indexed listingId, address indexed custodian, uint96 quantity, string epc
    );
    /// @notice `corrects` is zero for an original event, else the id of the event this one corrects.
    event ProvenanceEventRecorded(
        uint256 indexed eventId, address indexed recorder, uint256 indexed corrects, bytes32[] itemIds, EventData data
    );
    event ItemsAggregated(
        bytes32 indexed containerId, address indexed custodian, uint256 indexed orderId, bytes32[] childIds
    );
    event ItemsDisaggregated(bytes32 indexed containerId, address indexed custodian, bytes32[] childIds);
    event ItemsTransformed(
        uint256 indexed eventId, address indexed custodian, bytes32[] inputIds, bytes32[] outputIds, string evidenceCid
    );
    event CustodyHandoffInitiated(bytes32 indexed itemId, address indexed from, address indexed to);
    event CustodyHandoffAccepted(bytes32 indexed itemId, address indexed from, address indexed to);
    event ItemAttested(bytes32 indexed itemId, address indexed auditor, string statementCid);

    /// @notice Registers items or batches held by the caller. Restricted to MERCHANT.
    /// Requirements: each id is new and non-zero. Emits {ItemRegistered} per item.
    function registerItems(NewItem[] calldata items) external;

    /// @notice Records an event about items the caller holds.
    /// Requirements: `itemIds` is not empty; the caller is the custodian of each; none is consumed;
    /// `data.eventTime` is not in the future. Emits {ProvenanceEventRecorded}.
    function recordEvent(bytes32[] calldata itemIds, EventData calldata data) external returns (uint256 eventId);

    /// @notice Records a correction of `eventId`, which stays on record beside it.
    /// Requirements: the caller recorded `eventId`; `itemIds` is not empty. Emits {ProvenanceEventRecorded}.
    function correctEvent(uint256 eventId, bytes32[] calldata itemIds, EventData calldata data)
        external
        returns (uint256 correctionId);

    /// @notice Packs `childIds` into `containerId` (a case, pallet or shipment), optionally for `orderId`.
    /// Requirements: the caller holds the container and each child; no child is already contained, nor the
    /// container itself or one of its containers; no item ends up inside more than MAX_NESTING containers
    /// ({ProvenanceNestingTooDeep}), which bounds what recording an event about a packed item costs.
    /// A pending hand-off of a child is dropped. Emits {ItemsAggregated}.
    function aggregate(bytes32 containerId, bytes32[] calldata childIds, uint256 orderId) external;

    /// @notice Unpacks `childIds` from `containerId`; they pass to the container's custodian.
    /// Requirements: the caller holds the container; each child is directly in it. Emits {ItemsDisaggregated}.
    function disaggregate(bytes32 containerId, bytes32[] calldata childIds) external;

    /// @notice Consumes `inputIds` to make new `outputs` held by the caller. Restricted to MERCHANT.
    /// Requirements: the caller holds each input, none contained, consumed or still holding packed items;
    /// outputs are new. A pending hand-off of an input is dropped.
    /// Emits {ItemRegistered} per output and {ItemsTransformed}.
    function transform(bytes32[] calldata inputIds, NewItem[] calldata outputs, string calldata evidenceCid)
        external
        returns (uint256 eventId);

    /// @notice Offers custody of an uncontained item to `to`; a later offer replaces it.
    /// Requirements: the caller holds the item; `to` is not zero. Emits {CustodyHandoffInitiated}.
    function initiateHandoff(bytes32 itemId, address to) external;

    /// @notice Takes custody offered to the caller. Emits {CustodyHandoffAccepted}.
    function acceptHandoff(bytes32 itemId) external;

    /// @notice An auditor's statement about an item. Restricted to AUDITOR. Emits {ItemAttested}.
    function attest(bytes32 itemId, string calldata statementCid) external;

    /// @notice The record of `itemId` and the account holding it now (its outermost container's custodian).
    function itemOf(bytes32 itemId) external view returns (ItemRecord memory record, address holder, bytes32 container);

    /// @notice Who recorded `eventId` (zero if none). Event ids are the recorder's address shifted left by
    /// 96 bits plus the recorder's sequence number, starting at 1.
    function recorderOf(uint256 eventId) external view returns (address);

    /// @notice The custodian an item is offered to, if any.
    function pendingCustodianOf(bytes32 itemId) external view returns (address);
}
