// PGlite, one PostgreSQL session, served to several wire-protocol connections. Each connection's messages are cut
// into exchanges that end where PostgreSQL answers (Sync, a simple Query, Flush); the exchanges of all connections
// run one at a time in arrival order, each fed to PGlite whole and answered in one write. So a client with several
// connections keeps PGlite busy while it handles an answer, and a query costs one wake-up each way rather than one
// per protocol message. A connection inside a transaction, or between a Flush and its Sync, has the session to itself
// until it leaves: the others' exchanges wait. Each connection's prepared statements are its own
// (pglite-statement-names.ts).
import type { Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { message, StatementNames } from "./pglite-statement-names.ts";

/** Messages before a connection's startup carry no type byte; these are their codes. */
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types (the first byte of each message after startup). */
const [SYNC, QUERY, FLUSH, TERMINATE] = ["S", "Q", "H", "X"].map((type) => type.charCodeAt(0));

/** Ends whatever a connection that left was doing: Sync ends an extended query (or its error), then a rollback. */
const ABANDON = Buffer.concat([message(SYNC, Buffer.alloc(0)), message(QUERY, Buffer.from("rollback\0"))]);

interface Exchange {
  connection: Connection;
  bytes: Uint8Array;
  /** False after a Flush: the extended query goes on, so the session stays with this connection. */
  ends: boolean;
}

export class PgliteBridge {
  readonly #db: PGlite;
  readonly #waiting: Exchange[] = [];
  /** The connection the session belongs to until its transaction (or extended query) ends. */
  #owner: Connection | undefined;
  #running = false;
  #connections = 0;
  #stopped = false;
  /** The exchange being run, which `stop()` waits for. */
  #current: Promise<void> | undefined;

  constructor(db: PGlite) {
    this.#db = db;
  }

  /** Serves a client's connection until it closes. */
  serve(socket: Socket): void {
    const connection = new Connection(socket, ++this.#connections, (exchange) => this.#enqueue(exchange));
    socket.on("close", () => this.#left(connection));
    socket.on("error", () => socket.destroy());
  }

  /**
   * Runs nothing more: what waits is dropped, and a connection that leaves from now on queues nothing. Resolves once
   * the exchange being run has ended, so PGlite can be closed.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#waiting.length = 0;
    await this.#current;
  }

  #enqueue(exchange: Exchange): void {
    if (this.#stopped) return;
    this.#waiting.push(exchange);
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let exchange = this.#next(); exchange; exchange = this.#next()) await (this.#current = this.#run(exchange));
    } finally {
      this.#running = false;
    }
  }

  /**
   * The next exchange to run: if the session has an owner, its next one (none yet: wait for it), or if it left, the
   * end of what it left open; else the oldest.
   */
  #next(): Exchange | undefined {
    if (this.#stopped) return undefined;
    const owner = this.#owner;
    if (owner?.closed) return { connection: owner, bytes: ABANDON, ends: true };
    const index = owner ? this.#waiting.findIndex(({ connection }) => connection === owner) : 0;
    return index === -1 ? undefined : this.#waiting.splice(index, 1)[0];
  }

  async #run({ connection, bytes, ends }: Exchange): Promise<void> {
    // Raw chunks, copied out of PGlite's memory: execProtocolRaw would also parse every message of the answer (a
    // fifth of PGlite's thread on a storefront's reads) for results it then drops.
    const answer: Uint8Array[] = [];
    try {
      await this.#db.execProtocolRawStream(bytes, { onRawData: (chunk) => answer.push(chunk.slice()) });
      this.#owner = !ends || this.#db.isInTransaction() ? connection : undefined;
    } catch {
      // PGlite reports a statement's errors in its answer; a throw means the session itself failed. The session is
      // freed, or the rollback sent for the closed connection would fail and be sent again without end.
      this.#owner = undefined;
      connection.socket.destroy();
      return;
    }
    if (!connection.closed) connection.socket.write(answer.length === 1 ? answer[0] : Buffer.concat(answer));
  }

  /**
   * A connection closed: its waiting exchanges go, what it left open is ended when the session is next free, and its
   * prepared statements are closed.
   */
  #left(connection: Connection): void {
    connection.closed = true;
    for (let i = this.#waiting.length - 1; i >= 0; i--)
      if (this.#waiting[i].connection === connection) this.#waiting.splice(i, 1);
    const closing = connection.statements.closeAll();
    if (closing && !this.#stopped) this.#waiting.push({ connection, bytes: closing, ends: true });
    void this.#drain();
  }
}

/** One client's connection: cuts its bytes into the startup and then exchanges. */
class Connection {
  readonly socket: Socket;
  readonly statements: StatementNames;
  closed = false;
  readonly #exchange: (exchange: Exchange) => void;
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;
  /** Messages of the exchange being read. */
  #messages: Buffer[] = [];

  constructor(socket: Socket, id: number, exchange: (exchange: Exchange) => void) {
    this.socket = socket;
    this.statements = new StatementNames(id);
    this.#exchange = exchange;
    socket.on("data", (chunk: Buffer) => this.#read(chunk));
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (!this.socket.destroyed) {
      const length = this.#started ? this.#typedLength() : this.#untypedLength();
      if (length !== undefined && length < (this.#started ? 5 : 8)) {
        this.socket.destroy(); // a length shorter than its own header: not the wire protocol
        return;
      }
      if (length === undefined || this.#buffer.length < length) return;
      const received = this.#buffer.subarray(0, length);
      this.#buffer = this.#buffer.subarray(length);
      if (this.#started) this.#typed(received);
      else this.#untyped(received);
    }
  }

  #typedLength(): number | undefined {
    return this.#buffer.length < 5 ? undefined : 1 + this.#buffer.readInt32BE(1);
  }

  #untypedLength(): number | undefined {
    return this.#buffer.length < 4 ? undefined : this.#buffer.readInt32BE(0);
  }

  /** Before startup: encryption requests are refused ("N"), a cancel is not supported, the startup goes to PGlite. */
  #untyped(received: Buffer): void {
    const code = received.length >= 8 ? received.readInt32BE(4) : 0;
    if (code === SSL_REQUEST || code === GSS_REQUEST) this.socket.write("N");
    else if (code === CANCEL_REQUEST) this.socket.end();
    else {
      this.#started = true;
      this.#exchange({ connection: this, bytes: received, ends: true });
    }
  }

  #typed(received: Buffer): void {
    const type = received[0];
    if (type === TERMINATE) {
      this.socket.end();
      return;
    }
    this.#messages.push(this.statements.own(received));
    if (type !== SYNC && type !== QUERY && type !== FLUSH) return;
    this.#exchange({ connection: this, bytes: Buffer.concat(this.#messages), ends: type !== FLUSH });
    this.#messages = [];
  }
}
