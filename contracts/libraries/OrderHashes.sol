// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderEscrow} from "../interfaces/IOrderEscrow.sol";
import {OrderLine} from "../types/OrderLine.sol";

/// @title OrderHashes
/// @notice EIP-712 struct hashes of what buyers and merchants sign for the escrow, and the storage hash
/// of order terms. The type strings are mirrored in sdk/eip712.ts; a test signs with viem against them.
library OrderHashes {
    bytes32 internal constant ORDER_LINE_TYPEHASH = keccak256("OrderLine(bytes32 listingId,uint96 quantity)");
    bytes32 internal constant ORDER_REQUEST_TYPEHASH = keccak256(
        "OrderRequest(OrderLine[] lines,address token,uint256 maxTotal,string shippingCid,uint96 shipping)"
        "OrderLine(bytes32 listingId,uint96 quantity)"
    );
    bytes32 internal constant ORDER_INTENT_TYPEHASH = keccak256(
        "OrderIntent(address buyer,OrderRequest request,bytes32 voucher,uint256 nonce,uint256 deadline)"
        "OrderLine(bytes32 listingId,uint96 quantity)"
        "OrderRequest(OrderLine[] lines,address token,uint256 maxTotal,string shippingCid,uint96 shipping)"
    );
    bytes32 internal constant VOUCHER_TYPEHASH = keccak256(
        "Voucher(address merchant,bytes32 id,address buyer,uint96 amountOff,uint16 bpsOff,uint96 minTotal,"
        "uint40 expiry,uint32 maxUses,uint64 counter)"
    );

    function terms(IOrderEscrow.OrderTerms memory orderTerms) internal pure returns (bytes32) {
        return keccak256(abi.encode(orderTerms));
    }

    function intent(IOrderEscrow.OrderIntent calldata orderIntent) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ORDER_INTENT_TYPEHASH,
                orderIntent.buyer,
                _request(orderIntent.request),
                orderIntent.voucher,
                orderIntent.nonce,
                orderIntent.deadline
            )
        );
    }

    function voucher(IOrderEscrow.Voucher calldata v) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                VOUCHER_TYPEHASH,
                v.merchant,
                v.id,
                v.buyer,
                v.amountOff,
                v.bpsOff,
                v.minTotal,
                v.expiry,
                v.maxUses,
                v.counter
            )
        );
    }

    function _request(IOrderEscrow.OrderRequest calldata request) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                ORDER_REQUEST_TYPEHASH,
                _lines(request.lines),
                request.token,
                request.maxTotal,
                keccak256(bytes(request.shippingCid)),
                request.shipping
            )
        );
    }

    function _lines(OrderLine[] calldata lines) private pure returns (bytes32) {
        bytes32[] memory hashes = new bytes32[](lines.length);
        for (uint256 i = 0; i < lines.length; ++i) {
            hashes[i] = keccak256(abi.encode(ORDER_LINE_TYPEHASH, lines[i].listingId, lines[i].quantity));
        }
        return keccak256(abi.encodePacked(hashes));
    }
}
