// Prepared statements of one bridged connection (pglite-bridge.ts). On PostgreSQL each connection is a session with
// statement names of its own; through the bridge every connection shares PGlite's one session, so two connections
// preparing `listings_by_id` would collide. Each connection's statement names are given its own prefix on the way in,
// so a name means what it means on PostgreSQL: that connection's statement, parsed and planned once.
// Names in SQL text (PREPARE, EXECUTE, DEALLOCATE) are not rewritten: statements are named in protocol messages.

/** Message types that carry a statement name. */
const [PARSE, BIND, DESCRIBE, CLOSE, SYNC] = ["P", "B", "D", "C", "S"].map((type) => type.charCodeAt(0));
const STATEMENT = "S".charCodeAt(0);
const HEADER = 5;

export class StatementNames {
  readonly #prefix: Buffer;
  /** The prefixed names this connection parsed: closed when it leaves, so the session does not keep them. */
  readonly #parsed = new Set<string>();

  constructor(connectionId: number) {
    this.#prefix = Buffer.from(`${connectionId}:`);
  }

  /** `message` with its statement name (if it carries a non-empty one) prefixed with this connection's. */
  own(message: Buffer): Buffer {
    const start = nameStart(message);
    if (start === undefined || message[start] === 0) return message;
    const owned = Buffer.concat([message.subarray(0, start), this.#prefix, message.subarray(start)]);
    owned.writeInt32BE(owned.length - 1, 1);
    if (message[0] === PARSE) this.#parsed.add(owned.toString("utf8", start, owned.indexOf(0, start)));
    return owned;
  }

  /** Close messages for every statement this connection parsed, then Sync; none if it parsed none. */
  closeAll(): Buffer | undefined {
    if (this.#parsed.size === 0) return undefined;
    const closes = [...this.#parsed].map((name) => message(CLOSE, Buffer.from(`S${name}\0`)));
    return Buffer.concat([...closes, message(SYNC, Buffer.alloc(0))]);
  }
}

/** Where the statement name of a Parse, Bind, Describe or Close of a statement begins; undefined for others. */
function nameStart(message: Buffer): number | undefined {
  const type = message[0];
  if (type === PARSE) return HEADER;
  if (type === BIND) {
    const portalEnd = message.indexOf(0, HEADER);
    return portalEnd === -1 ? undefined : portalEnd + 1;
  }
  if ((type === DESCRIBE || type === CLOSE) && message[HEADER] === STATEMENT) return HEADER + 1;
  return undefined;
}

/** A protocol message of `type` with `body`. */
export function message(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = type;
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
