import { BaseError } from "../errors.ts";

/** The IPFS backend could not be reached or answered with a server fault; retrying may succeed. */
export class IpfsRequestError extends BaseError {
  override readonly name = "IpfsRequestError";

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** The call did not finish within its time limit (an unknown CID on a networked Kubo searches forever). */
export class IpfsTimeoutError extends BaseError {
  override readonly name = "IpfsTimeoutError";

  constructor(what: string, timeoutMs: number, options: { cause?: unknown } = {}) {
    super(`${what} did not finish within ${timeoutMs} ms`, { ...options, retryable: true });
  }
}

/** The backend does not hold the content (or the path inside it). */
export class IpfsNotFoundError extends BaseError {
  override readonly name = "IpfsNotFoundError";
}

/** Bytes returned for a CID do not hash to that CID: the backend is faulty or lying. */
export class CidMismatchError extends BaseError {
  override readonly name = "CidMismatchError";
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super(`content received for ${expected} hashes to ${actual}; refusing it`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** Content is larger than the configured limit (unknown when a remote node reported it). */
export class ContentTooLargeError extends BaseError {
  override readonly name = "ContentTooLargeError";
  readonly limitBytes: number | undefined;

  constructor(what: string, limitBytes?: number) {
    super(`${what} is larger than the limit${limitBytes === undefined ? "" : ` of ${limitBytes} bytes`}`);
    this.limitBytes = limitBytes;
  }
}
