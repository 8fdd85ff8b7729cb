// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderEscrow} from "../interfaces/IOrderEscrow.sol";

/// @notice An attacker account: places orders, and when paid out tries to re-enter the escrow
/// (withdraw again, or any other call given as `reentryCall`) before its balance is cleared.
contract ReentrantBuyer {
    error ReentrantBuyerPaymentRejected();

    IOrderEscrow private immutable _ESCROW;
    bytes private _reentryCall;
    uint256 public reentryAttempts;
    bool public reentrySucceeded;
    bool public rejectPayments;

    constructor(IOrderEscrow escrow) {
        _ESCROW = escrow;
    }

    function setReentryCall(bytes calldata data) external {
        _reentryCall = data;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
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
        if (rejectPayments) revert ReentrantBuyerPaymentRejected();
        if (_reentryCall.length != 0 && reentryAttempts == 0) {
            reentryAttempts++;
            (bool ok,) = address(_ESCROW).call(_reentryCall);
            reentrySucceeded = ok;
        }
    }
}
