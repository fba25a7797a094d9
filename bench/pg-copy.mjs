// COPY ... FROM STDIN fed from a file, as a pg Submittable (no extra dependency), for the benches
// that load the `orders` workload into PostgreSQL.
import { createReadStream } from 'node:fs';

class CopyFromFile {
  constructor(text, file) {
    this.text = text;
    this.file = file;
    this.done = new Promise((resolve, reject) => Object.assign(this, { resolve, reject }));
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    const stream = createReadStream(this.file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => {
      connection.sendCopyFromChunk(chunk);
      if (connection.stream.writableNeedDrain) {
        stream.pause();
        connection.stream.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => connection.endCopyFrom());
    stream.on('error', (err) => connection.sendCopyFail(err.message));
  }
  handleCommandComplete(msg) {
    this.rows = Number(/\d+$/.exec(msg.text ?? '')?.[0] ?? 0);
  }
  handleError(err) {
    this.error = err;
  }
  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rows);
  }
  // Not expected during COPY IN; present so pg never calls a missing handler.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `text` (a COPY ... FROM STDIN) on the client with the file's bytes; resolves the rows copied. */
export function copyFromFile(client, text, file) {
  const copy = new CopyFromFile(text, file);
  client.query(copy);
  return copy.done;
}
