// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IReviews
/// @notice Verified-purchase reviews: only the buyer of a completed (or resolved) order may review it, once.
interface IReviews {
    error ReviewsNotBuyer(uint256 orderId, address caller);
    error ReviewsOrderNotComplete(uint256 orderId);
    error ReviewsAlreadyReviewed(uint256 orderId);
    error ReviewsInvalidRating(uint8 rating);
    error ReviewsEmptyCid();

    event ReviewPosted(uint256 indexed orderId, address indexed buyer, uint8 rating, string reviewCid);

    /// @notice Posts the review of `orderId`: a rating from 1 to 5 and the review text's CID.
    /// Requirements: the caller is the order's buyer; the order is Completed or Resolved; it has no
    /// review yet; `reviewCid` is not empty. Emits {ReviewPosted}.
    function postReview(uint256 orderId, uint8 rating, string calldata reviewCid) external;

    /// @notice Whether `orderId` has been reviewed.
    function isReviewed(uint256 orderId) external view returns (bool);
}
