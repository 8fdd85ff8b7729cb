// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

// Test-only: the hook is a raw call whose revert data is re-thrown verbatim, as a real ERC-777 hook would.
// solhint-disable avoid-low-level-calls, no-inline-assembly

/// @notice An ERC-777-style token: every transfer to a contract calls `onTokenReceived(from, value)` on it,
/// handing control to the receiver in the middle of the sender's transaction. A receiver without that
/// function is skipped; a receiver that reverts with a reason makes the transfer revert.
contract HookToken is ERC20 {
    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == address(0) || to.code.length == 0) return;
        bytes memory hook = abi.encodeWithSignature("onTokenReceived(address,uint256)", from, value);
        (bool ok, bytes memory reason) = to.call(hook);
        if (!ok && reason.length != 0) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
    }
}
