// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IMerchantRegistry} from "../interfaces/IMerchantRegistry.sol";

/// @title MerchantSignatures
/// @notice Checks that a digest was signed by a merchant or by the signer key it authorised.
/// EOA signatures go through OpenZeppelin's ECDSA, which rejects malleable (high-s) signatures;
/// contract accounts are asked through ERC-1271.
library MerchantSignatures {
    function isSignedByOperator(
        IMerchantRegistry merchants,
        address merchant,
        bytes32 digest,
        bytes calldata signature
    ) internal view returns (bool) {
        if (SignatureChecker.isValidSignatureNowCalldata(merchant, digest, signature)) return true;
        address signer = merchants.merchantOf(merchant).signer;
        return signer != address(0) && SignatureChecker.isValidSignatureNowCalldata(signer, digest, signature);
    }
}
