import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { CID } from "multiformats/cid";
import { getAddress } from "viem";
import { isoFromSeconds, millisFromIso } from "#sdk/time.ts";
import { BoundedMap } from "./bounded-map.ts";

const UINT256_MAX = 2n ** 256n - 1n;

/** A value the scalar refuses; `node`: the literal, so the error points at it (graphql reports it as thrown). */
function invalid(scalar: string, rule: string, node?: ValueNode): GraphQLError {
  return new GraphQLError(`${scalar} ${rule}`, { nodes: node, extensions: { code: "BAD_USER_INPUT" } });
}

/** A string scalar whose input is checked (and normalised) by `parse` and whose output is `serialize`d. */
function stringScalar(
  name: string,
  description: string,
  parse: (text: string) => unknown,
  serialize: (value: unknown) => unknown = String,
) {
  const fromInput = (value: unknown) => {
    if (typeof value !== "string") throw invalid(name, "must be a string");
    return parse(value);
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize,
    parseValue: fromInput,
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw invalid(name, "must be a string literal", node);
      try {
        return fromInput(node.value);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        throw new GraphQLError(error.message, { nodes: node, extensions: error.extensions });
      }
    },
  });
}

/**
 * Addresses answered lately, checksummed: EIP-55 hashes each address, and viem's own memo (8,192 entries, least
 * recently used, refreshed on every read) is outgrown by a large catalog's merchants.
 */
const checksummed = new BoundedMap<string, string>(65_536);

function checksummedAddress(value: unknown): string {
  const text = String(value);
  let address = checksummed.get(text);
  if (address === undefined) checksummed.set(text, (address = getAddress(text)));
  return address;
}

/** 20-byte address: accepts any case, stored lowercase, returned EIP-55 checksummed. */
export const AddressScalar = stringScalar(
  "Address",
  "A 20-byte EVM address, 0x-prefixed hex; returned EIP-55 checksummed.",
  (text) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw invalid("Address", "must be 0x followed by 40 hex digits");
    return text.toLowerCase();
  },
  checksummedAddress,
);

export const Bytes32Scalar = stringScalar(
  "Bytes32",
  "A 32-byte value (listing, item or voucher id), 0x-prefixed hex, lowercase.",
  (text) => {
    if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw invalid("Bytes32", "must be 0x followed by 64 hex digits");
    return text.toLowerCase();
  },
);

export const UInt256Scalar = stringScalar(
  "UInt256",
  "An unsigned 256-bit integer as a decimal string (amounts in the token's smallest unit, ids).",
  (text) => {
    if (!/^(0|[1-9][0-9]{0,77})$/.test(text) || BigInt(text) > UINT256_MAX)
      throw invalid("UInt256", "must be a decimal integer from 0 to 2^256-1 without leading zeros");
    return text;
  },
);

export const CIDScalar = stringScalar("CID", "An IPFS content identifier in its canonical string form.", (text) => {
  try {
    if (CID.parse(text).toString() === text) return text;
  } catch {
    // reported below
  }
  throw invalid("CID", "must be a CID in its canonical string form");
});

/** Unix seconds inside; ISO 8601 outside. */
export const TimestampScalar = stringScalar(
  "Timestamp",
  "A point in time: ISO 8601 (UTC) out; ISO 8601 with a time zone in.",
  (text) => {
    const millis = millisFromIso(text);
    if (Number.isNaN(millis))
      throw invalid("Timestamp", "must be an ISO 8601 date-time with a time zone, e.g. 2030-01-01T00:00:00Z");
    return Math.floor(millis / 1000);
  },
  isoFromSeconds,
);

export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value (output only: EIP-712 typed data).",
  serialize: (value) => value,
  parseValue: () => {
    throw invalid("JSON", "is output only");
  },
  parseLiteral: () => {
    throw invalid("JSON", "is output only");
  },
});

export const scalarTypeDefs = /* GraphQL */ `
  scalar Address
  scalar Bytes32
  scalar UInt256
  scalar CID
  scalar Timestamp
  scalar JSON
`;

export const scalarResolvers = {
  Address: AddressScalar,
  Bytes32: Bytes32Scalar,
  UInt256: UInt256Scalar,
  CID: CIDScalar,
  Timestamp: TimestampScalar,
  JSON: JSONScalar,
};
