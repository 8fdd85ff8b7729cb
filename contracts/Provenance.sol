// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IProvenance} from "./interfaces/IProvenance.sol";

/// @title Provenance
contract Provenance is IProvenance, AccessManaged {
    /// @notice How many containers an item may sit in, one inside the other (item, case, pallet, container
    /// and so on). Finding a packed item's holder walks up to its outermost container, about 4.4k gas a
    /// level, so recording an event about an item at the limit stays within a stated budget (see
    /// bench:gas), whatever a merchant packed before handing a shipment over.
    uint8 public constant MAX_NESTING = 8;

    /// @dev An {ItemRecord} plus `levels`: at least how many containers deep the items packed in this one
    /// go (0 when it holds nothing), so packing can check the limit without walking down. It may overstate
    /// after an unpacking until the container is empty again; it never understates: a container's
    /// `levels` exceed those of everything in it. Same storage slot as the record.
    struct StoredItem {
        address custodian;
        ItemStatus status;
        bool contained;
        uint8 levels;
    }

    mapping(address recorder => uint96 count) private _eventCounts;
    mapping(bytes32 itemId => StoredItem record) private _items;
    mapping(bytes32 itemId => bytes32 containerId) private _containers;
    mapping(bytes32 itemId => address custodian) private _pendingCustodians;
    /// @dev Items packed directly in a container: a container is consumed only when empty, so that
    /// nothing stays packed, and so unmovable, in an item that can no longer be handled.
    mapping(bytes32 containerId => uint256 count) private _childCounts;

    constructor(address manager) AccessManaged(manager) {}

    // ─── Items ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IProvenance
    function registerItems(NewItem[] calldata items) external restricted {
        if (items.length == 0) revert ProvenanceEmpty("items");
        _register(items);
    }

    /// @inheritdoc IProvenance
    function transform(bytes32[] calldata inputIds, NewItem[] calldata outputs, string calldata evidenceCid)
        external
        restricted
        returns (uint256 eventId)
    {
        if (inputIds.length == 0) revert ProvenanceEmpty("inputIds");
        if (outputs.length == 0) revert ProvenanceEmpty("outputs");
        for (uint256 i = 0; i < inputIds.length; ++i) {
            bytes32 inputId = inputIds[i];
            _requireHeldUncontained(inputId);
            if (_childCounts[inputId] != 0) revert ProvenanceContainerNotEmpty(inputId);
            _items[inputId].status = ItemStatus.Consumed;
            delete _pendingCustodians[inputId];
        }
        _register(outputs);
        bytes32[] memory outputIds = new bytes32[](outputs.length);
        for (uint256 i = 0; i < outputs.length; ++i) {
            outputIds[i] = outputs[i].itemId;
        }
        eventId = _nextEvent();
        emit ItemsTransformed(eventId, msg.sender, inputIds, outputIds, evidenceCid);
    }

    // ─── Events ──────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IProvenance
    function recordEvent(bytes32[] calldata itemIds, EventData calldata data) external returns (uint256 eventId) {
        _requireHeldAll(itemIds, data.eventTime);
        eventId = _nextEvent();
        emit ProvenanceEventRecorded(eventId, msg.sender, 0, itemIds, data);
    }

    /// @inheritdoc IProvenance
    function correctEvent(uint256 eventId, bytes32[] calldata itemIds, EventData calldata data)
        external
        returns (uint256 correctionId)
    {
        address recorder = _recorderOf(eventId);
        if (recorder == address(0)) revert ProvenanceUnknownEvent(eventId);
        if (recorder != msg.sender) revert ProvenanceNotRecorder(eventId, msg.sender);
        if (itemIds.length == 0) revert ProvenanceEmpty("itemIds");
        _requireNotFuture(data.eventTime);
        correctionId = _nextEvent();
        emit ProvenanceEventRecorded(correctionId, msg.sender, eventId, itemIds, data);
    }

    // ─── Aggregation ─────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IProvenance
    function aggregate(bytes32 containerId, bytes32[] calldata childIds, uint256 orderId) external {
        if (childIds.length == 0) revert ProvenanceEmpty("childIds");
        _requireHolder(containerId);
        uint256 levels = 0;
        for (uint256 i = 0; i < childIds.length; ++i) {
            bytes32 childId = childIds[i];
            _requireHeldUncontained(childId);
            _requireNotAncestor(childId, containerId);
            StoredItem storage child = _items[childId];
            child.contained = true;
            if (child.levels >= levels) levels = child.levels + 1;
            _containers[childId] = containerId;
            delete _pendingCustodians[childId];
        }
        _raiseLevels(containerId, levels);
        _childCounts[containerId] += childIds.length;
        emit ItemsAggregated(containerId, msg.sender, orderId, childIds);
    }

    /// @inheritdoc IProvenance
    function disaggregate(bytes32 containerId, bytes32[] calldata childIds) external {
        if (childIds.length == 0) revert ProvenanceEmpty("childIds");
        _requireHolder(containerId);
        for (uint256 i = 0; i < childIds.length; ++i) {
            bytes32 childId = childIds[i];
            StoredItem storage child = _items[childId];
            if (!child.contained || _containers[childId] != containerId) {
                revert ProvenanceNotInContainer(childId, containerId);
            }
            child.contained = false;
            child.custodian = msg.sender;
            delete _containers[childId];
        }
        uint256 left = _childCounts[containerId] - childIds.length;
        _childCounts[containerId] = left;
        if (left == 0) _items[containerId].levels = 0;
        emit ItemsDisaggregated(containerId, msg.sender, childIds);
    }

    // ─── Custody ─────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IProvenance
    function initiateHandoff(bytes32 itemId, address to) external {
        if (to == address(0)) revert ProvenanceZeroAddress();
        _requireHeldUncontained(itemId);
        _pendingCustodians[itemId] = to;
        emit CustodyHandoffInitiated(itemId, msg.sender, to);
    }

    /// @inheritdoc IProvenance
    function acceptHandoff(bytes32 itemId) external {
        if (_pendingCustodians[itemId] != msg.sender) revert ProvenanceNotPendingCustodian(itemId, msg.sender);
        StoredItem storage item = _items[itemId];
        address from = item.custodian;
        item.custodian = msg.sender;
        delete _pendingCustodians[itemId];
        emit CustodyHandoffAccepted(itemId, from, msg.sender);
    }

    /// @inheritdoc IProvenance
    function attest(bytes32 itemId, string calldata statementCid) external restricted {
        if (_items[itemId].status == ItemStatus.None) revert ProvenanceUnknownItem(itemId);
        if (bytes(statementCid).length == 0) revert ProvenanceEmpty("statementCid");
        emit ItemAttested(itemId, msg.sender, statementCid);
    }

    // ─── Views ───────────────────────────────────────────────────────────────────────────────

    /// @inheritdoc IProvenance
    function itemOf(bytes32 itemId)
        external
        view
        returns (ItemRecord memory record, address holder, bytes32 container)
    {
        StoredItem storage item = _items[itemId];
        record = ItemRecord(item.custodian, item.status, item.contained);
        container = _containers[itemId];
        if (record.status != ItemStatus.None) (holder,) = _holderOf(itemId);
    }

    /// @inheritdoc IProvenance
    function recorderOf(uint256 eventId) external view returns (address) {
        return _recorderOf(eventId);
    }

    /// @inheritdoc IProvenance
    function pendingCustodianOf(bytes32 itemId) external view returns (address) {
        return _pendingCustodians[itemId];
    }

    // ─── Internal ────────────────────────────────────────────────────────────────────────────

    function _register(NewItem[] calldata items) private {
        for (uint256 i = 0; i < items.length; ++i) {
            bytes32 itemId = items[i].itemId;
            if (itemId == bytes32(0)) revert ProvenanceEmpty("itemId");
            if (_items[itemId].status != ItemStatus.None) revert ProvenanceItemExists(itemId);
            _items[itemId] = StoredItem(msg.sender, ItemStatus.Active, false, 0);
            emit ItemRegistered(itemId, items[i].listingId, msg.sender, items[i].quantity, items[i].epc);
        }
    }

    /// @dev An event id is its recorder's address followed by the recorder's 96-bit sequence number, so
    /// authorship of an event is known without storing it per event (22k gas less per event, see bench:gas).
    function _nextEvent() private returns (uint256 eventId) {
        uint96 sequence = ++_eventCounts[msg.sender];
        eventId = (uint256(uint160(msg.sender)) << 96) | sequence;
    }

    function _recorderOf(uint256 eventId) private view returns (address recorder) {
        recorder = address(uint160(eventId >> 96));
        uint96 sequence = uint96(eventId);
        if (sequence == 0 || sequence > _eventCounts[recorder]) return address(0);
    }

    /// @dev The account holding `itemId`: its own custodian, or that of its outermost container.
    function _holderOf(bytes32 itemId) private view returns (address holder, ItemStatus status) {
        StoredItem storage item = _items[itemId];
        status = item.status;
        while (item.contained) {
            itemId = _containers[itemId];
            item = _items[itemId];
        }
        holder = item.custodian;
    }

    function _requireHolder(bytes32 itemId) private view {
        (address holder, ItemStatus status) = _holderOf(itemId);
        if (status == ItemStatus.None) revert ProvenanceUnknownItem(itemId);
        if (status == ItemStatus.Consumed) revert ProvenanceItemConsumed(itemId);
        if (holder != msg.sender) revert ProvenanceNotCustodian(itemId, msg.sender);
    }

    function _requireHeldUncontained(bytes32 itemId) private view {
        _requireHolder(itemId);
        if (_items[itemId].contained) revert ProvenanceItemContained(itemId);
    }

    function _requireHeldAll(bytes32[] calldata itemIds, uint40 eventTime) private view {
        if (itemIds.length == 0) revert ProvenanceEmpty("itemIds");
        _requireNotFuture(eventTime);
        for (uint256 i = 0; i < itemIds.length; ++i) {
            _requireHolder(itemIds[i]);
        }
    }

    function _requireNotFuture(uint40 eventTime) private view {
        if (eventTime > block.timestamp) revert ProvenanceFutureEvent(eventTime);
    }

    /// @dev Records that `containerId` now holds items `levels` deep, raising its containers' levels to
    /// match, up to the first that is already deep enough; refuses more than MAX_NESTING in the outermost.
    function _raiseLevels(bytes32 containerId, uint256 levels) private {
        bytes32 current = containerId;
        while (true) {
            StoredItem storage item = _items[current];
            if (item.levels >= levels) return;
            item.levels = uint8(levels);
            if (!item.contained) break;
            current = _containers[current];
            ++levels;
        }
        if (levels > MAX_NESTING) revert ProvenanceNestingTooDeep(containerId, levels, MAX_NESTING);
    }

    function _requireNotAncestor(bytes32 itemId, bytes32 containerId) private view {
        bytes32 current = containerId;
        while (true) {
            if (current == itemId) revert ProvenanceCycle(containerId, itemId);
            if (!_items[current].contained) return;
            current = _containers[current];
        }
    }
}
