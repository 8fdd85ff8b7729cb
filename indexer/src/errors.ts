import { BaseError } from "../../sdk/errors.ts";

/** The RPC endpoint could not be reached, timed out or answered with a server fault; retrying may succeed. */
export class RpcUnavailableError extends BaseError {
  override readonly name = "RpcUnavailableError";

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retryable: true });
  }
}

/** The node refused an eth_getLogs range (too many results, range or response size limit). */
export class LogRangeTooLargeError extends BaseError {
  override readonly name = "LogRangeTooLargeError";

  constructor(fromBlock: number, toBlock: number, options: { cause?: unknown } = {}) {
    super(`eth_getLogs refused blocks ${fromBlock}..${toBlock}`, { ...options, retryable: true });
  }
}

/** The node answered a request with an error that retrying will not fix. */
export class RpcRequestFailedError extends BaseError {
  override readonly name = "RpcRequestFailedError";
}

/** The node answered a JSON-RPC batch with one error (batches unsupported or disabled): ask one call at a time. */
export class RpcBatchRefusedError extends BaseError {
  override readonly name = "RpcBatchRefusedError";
}

/** The RPC serves another chain than the one configured or recorded in the database. */
export class ChainMismatchError extends BaseError {
  override readonly name = "ChainMismatchError";
}

/** The chain reorganised below the finality depth: the database can no longer be trusted. */
export class ReorgTooDeepError extends BaseError {
  override readonly name = "ReorgTooDeepError";

  readonly forkedBlock: number;

  constructor(forkedBlock: number, oldestKnown: number) {
    super(
      `chain reorganised at or below block ${forkedBlock}, ` +
        `deeper than the unfinalized blocks kept (from ${oldestKnown}); ` +
        "raise FINALITY_DEPTH and re-index from an empty database",
    );
    this.forkedBlock = forkedBlock;
  }
}

/**
 * Logs came from a fork the node has since left (their block hashes are not the headers'): the range is fetched again.
 */
export class ForkedLogsError extends BaseError {
  override readonly name = "ForkedLogsError";
}

/** A handler met state that the chain could not have produced (a log without its antecedent). */
export class InconsistentStateError extends BaseError {
  override readonly name = "InconsistentStateError";
}

/** `verify` was run on a database without a cursor: there is nothing to compare yet. */
export class NothingIndexedError extends BaseError {
  override readonly name = "NothingIndexedError";
}
