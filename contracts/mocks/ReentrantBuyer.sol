// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IOrderEscrow} from "../interfaces/IOrderEscrow.sol";

// Test-only: an attacker makes raw calls and re-throws the escrow's revert data verbatim.
// solhint-disable avoid-low-level-calls, no-inline-assembly

/// @notice An attacker account: places orders, and when paid out (native currency, or a {HookToken}
/// transfer) tries to re-enter the escrow (withdraw again, or any other call given as `reentryCall`)
/// before its balance is cleared. The revert data of a failed re-entry is kept in `lastReentryError`.
contract ReentrantBuyer {
    error ReentrantBuyerPaymentRejected();

    IOrderEscrow private immutable _ESCROW;
    bytes private _reentryCall;
    uint256 public reentryAttempts;
    bool public reentrySucceeded;
    bool public rejectPayments;
    bytes public lastReentryError;

    constructor(IOrderEscrow escrow) {
        _ESCROW = escrow;
    }

    function setReentryCall(bytes calldata data) external {
        _reentryCall = data;
        reentryAttempts = 0;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(_ESCROW), amount);
    }

    function placeOrder(IOrderEscrow.OrderRequest calldata request) external payable returns (uint256) {
        return _ESCROW.placeOrder{value: msg.value}(request);
    }

    function forward(bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = address(_ESCROW).call(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        _onPayment();
    }

    /// @notice Called by {HookToken} on every transfer to this contract.
    function onTokenReceived(address, uint256) external {
        _onPayment();
    }

    function _onPayment() private {
        if (rejectPayments) revert ReentrantBuyerPaymentRejected();
        if (_reentryCall.length != 0 && reentryAttempts == 0) {
            ++reentryAttempts;
            (bool ok, bytes memory result) = address(_ESCROW).call(_reentryCall);
            reentrySucceeded = ok;
            if (!ok) lastReentryError = result;
        }
    }
}
