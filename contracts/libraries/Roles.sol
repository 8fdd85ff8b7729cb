// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Roles
/// @notice Role ids of the consortium's single AccessManager. ADMIN_ROLE (0) and PUBLIC_ROLE
/// (type(uint64).max) are the AccessManager's own.
library Roles {
    uint64 internal constant ADMIN = 0;
    uint64 internal constant REGISTRAR = 1;
    uint64 internal constant MERCHANT = 2;
    uint64 internal constant ARBITER = 3;
    uint64 internal constant CARRIER = 4;
    uint64 internal constant AUDITOR = 5;
    uint64 internal constant PAUSER = 6;
    uint64 internal constant BUYER = 7;
    /// @dev Held only by the MerchantRegistry contract: the admin role of MERCHANT, so that approving
    /// a merchant grants the role and suspending revokes it, in the same transaction.
    uint64 internal constant MERCHANT_ISSUER = 8;
    uint64 internal constant PUBLIC = type(uint64).max;
}
