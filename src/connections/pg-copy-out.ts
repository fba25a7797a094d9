// `COPY (query) TO STDOUT` written straight to a file, as a pg submittable: the server renders
// every value as CSV and the bytes go to disk in 1 MB writes, never parsed into JS rows (the
// protocol still brings one CopyData message per row, which pg's reader frames). No dependency:
// pg-copy-streams would do the same through a stream (docs/decisions.md). The statement goes
// through the extended protocol, which takes exactly one statement, as every read here does.
import { open } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';

/** The parts of pg's wire connection a submittable uses. */
interface Wire {
  parse(o: { text: string }): void;
  bind(o: Record<string, never>): void;
  execute(o: Record<string, never>): void;
  sync(): void;
  sendCopyFail(message: string): void;
  stream: { pause(): void; resume(): void };
}

const FLUSH_BYTES = 1 << 20;

export class CopyOutToFile {
  /** Set by pg's client.query when a read timeout wraps the submittable; called once at the end. */
  callback?: (err: Error | null, rows?: number) => void;
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (err: Error) => void;
  /** Bytes not yet written; pg's reader reuses its buffer, so every row's bytes are copied here. */
  private pending = Buffer.allocUnsafe(FLUSH_BYTES);
  private size = 0;
  private rows = 0;
  private error: Error | null = null;
  private settled = false;

  private constructor(
    private readonly text: string,
    private readonly out: WriteStream,
  ) {
    this.done = new Promise<number>((resolve, reject) => Object.assign(this, { resolve, reject }));
    // Node's write errors (a full disk) end the copy with that error once the server is done.
    out.on('error', (err) => (this.error ??= err));
  }

  /** `COPY (sql) TO STDOUT` as CSV into `file`, which must not exist yet (created 0600). */
  static async to(sql: string, file: string): Promise<CopyOutToFile> {
    const handle = await open(file, 'wx', 0o600);
    const text = `COPY (${sql}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)`;
    return new CopyOutToFile(text, handle.createWriteStream({ highWaterMark: FLUSH_BYTES }));
  }

  submit(connection: Wire): void {
    connection.parse({ text: this.text });
    connection.bind({});
    connection.execute({});
    connection.sync();
  }

  handleCopyData(msg: { chunk: Buffer }, connection: Wire): void {
    if (this.error) return;
    const { chunk } = msg;
    if (this.size + chunk.length > this.pending.length && !this.flush()) {
      // The disk is behind: stop reading the socket (the server waits) until it drains.
      connection.stream.pause();
      this.out.once('drain', () => connection.stream.resume());
    }
    if (chunk.length > this.pending.length) this.pending = Buffer.allocUnsafe(chunk.length);
    this.size += chunk.copy(this.pending, this.size);
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
  }

  handleReadyForQuery(): void {
    this.flush();
    this.out.end(() => this.settle(this.error));
  }

  handleError(err: Error): void {
    this.error ??= err;
    this.size = 0;
    this.out.end(() => this.settle(this.error));
  }

  handleCopyInResponse(connection: Wire): void {
    connection.sendCopyFail('COPY TO only');
  }

  // Not expected for a COPY TO; present so pg never calls a missing handler.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  private flush(): boolean {
    if (!this.size) return true;
    // The stream keeps the buffer until written: the next rows go to a new one.
    const full = this.pending.subarray(0, this.size);
    this.pending = Buffer.allocUnsafe(FLUSH_BYTES);
    this.size = 0;
    return this.out.write(full);
  }

  private settle(err: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.callback?.(err, this.rows);
    if (err) this.reject(err);
    else this.resolve(this.rows);
  }
}
