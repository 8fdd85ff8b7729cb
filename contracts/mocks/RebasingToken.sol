// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A token whose balances all change at once, as a rebasing token's do: balances are shares times
/// `scale` (1e18 = one unit per share). Test-only: it shows what the escrow does when an allowed token breaks
/// its token policy after placement.
contract RebasingToken is ERC20 {
    uint256 private constant _ONE = 1e18;
    uint256 private _scale = _ONE;

    constructor() ERC20("Rebasing Token", "REB") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Multiplies every balance by `scale` / 1e18 from the initial supply (5e17 halves them).
    function rebase(uint256 scale) external {
        _scale = scale;
    }

    function balanceOf(address account) public view override returns (uint256) {
        return super.balanceOf(account) * _scale / _ONE;
    }

    function totalSupply() public view override returns (uint256) {
        return super.totalSupply() * _scale / _ONE;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value * _ONE / _scale);
    }
}
