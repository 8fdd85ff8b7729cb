// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One line of an order: `quantity` units of the listing `listingId`.
struct OrderLine {
    bytes32 listingId;
    uint96 quantity;
}
