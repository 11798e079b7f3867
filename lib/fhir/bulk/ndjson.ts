// NDJSON (one minified JSON value a line) streamed from batches of rows: the
// stream asks for the next batch only when the client has taken the previous
// one (pull), so a file of any size holds one batch in memory, and a client
// that goes away stops the reads (cancel ends the batch iterator).
const encoder = new TextEncoder();

/** The lines of `serialize(row)` for every row of every batch, as bytes. */
export function ndjsonStream<Row>(
  batches: AsyncIterable<readonly Row[]>,
  serialize: (row: Row) => unknown,
): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Skip empty batches: a pull must enqueue something or close.
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            return;
          }
          if (!next.value.length) continue;
          let text = "";
          for (const row of next.value) text += `${JSON.stringify(serialize(row))}\n`;
          controller.enqueue(encoder.encode(text));
          return;
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // One batch at a time: the next read waits until the client has taken this one.
    { highWaterMark: 0 },
  );
}

/**
 * Batches read by keyset: `read(after)` returns up to `size` rows after the key
 * `after` (null first) in key order; the walk ends at a short batch. Each read
 * is its own statement, so no transaction or connection is held while a slow
 * client takes a batch.
 */
export async function* keysetBatches<Row, Key>(
  read: (after: Key | null, size: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  size: number,
): AsyncGenerator<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await read(after, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = keyOf(rows.at(-1)!);
  }
}
