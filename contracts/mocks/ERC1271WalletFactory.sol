// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {ERC1271Wallet} from "./ERC1271Wallet.sol";

/// @notice Deploys {ERC1271Wallet}s with CREATE2, as smart-account factories do: a wallet's address is known
/// before it exists, so it can sign in (ERC-6492) before its first transaction deploys it.
contract ERC1271WalletFactory {
    function deploy(address owner, bytes32 salt) external returns (ERC1271Wallet) {
        return new ERC1271Wallet{salt: salt}(owner);
    }

    function walletAddress(address owner, bytes32 salt) external view returns (address) {
        bytes memory initCode = abi.encodePacked(type(ERC1271Wallet).creationCode, abi.encode(owner));
        return Create2.computeAddress(salt, keccak256(initCode));
    }
}
