// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IReviews} from "./interfaces/IReviews.sol";
import {IOrderEscrow} from "./interfaces/IOrderEscrow.sol";

/// @title Reviews
contract Reviews is IReviews {
    IOrderEscrow private immutable _ESCROW;
    mapping(uint256 orderId => bool reviewed) private _reviewed;

    constructor(IOrderEscrow escrow) {
        _ESCROW = escrow;
    }

    /// @inheritdoc IReviews
    function postReview(uint256 orderId, uint8 rating, string calldata reviewCid) external {
        (address buyer, IOrderEscrow.OrderStatus status,,) = _ESCROW.orderOf(orderId);
        if (msg.sender != buyer) revert ReviewsNotBuyer(orderId, msg.sender);
        if (status != IOrderEscrow.OrderStatus.Completed && status != IOrderEscrow.OrderStatus.Resolved) {
            revert ReviewsOrderNotComplete(orderId);
        }
        if (_reviewed[orderId]) revert ReviewsAlreadyReviewed(orderId);
        if (rating < 1 || rating > 5) revert ReviewsInvalidRating(rating);
        if (bytes(reviewCid).length == 0) revert ReviewsEmptyCid();
        _reviewed[orderId] = true;
        emit ReviewPosted(orderId, buyer, rating, reviewCid);
    }

    /// @inheritdoc IReviews
    function isReviewed(uint256 orderId) external view returns (bool) {
        return _reviewed[orderId];
    }
}
