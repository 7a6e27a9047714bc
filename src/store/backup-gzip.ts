/**
 * A backup's text gzip-compressed into a Blob. The export hands its text to a Worker where it can,
 * so that compressing runs on another core beside the reads and the rows' encoding instead of
 * taking turns with them on one thread. Loaded lazily with `backup-stream.ts`.
 */

/** The text's gzip (CompressionStream), compressed on this thread. */
export async function gzipHere(text: ReadableStream<string>, type: string): Promise<Blob> {
  const reader = text
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    .getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return new Blob(chunks as BlobPart[], { type });
}

/** What the compressing Worker answers. */
export type GzipAnswer = { blob: Blob } | { error: string };

/**
 * The text's gzip, compressed in a Worker (the stream is transferred to it); on this thread where
 * there are no Workers or the stream cannot be transferred. A text that errors rejects it.
 */
export function gzipOf(text: ReadableStream<string>, type: string): Promise<Blob> {
  if (typeof Worker === 'undefined') return gzipHere(text, type);
  const worker = new Worker(new URL('./backup-gzip.worker.ts', import.meta.url), { type: 'module' });
  try {
    worker.postMessage({ text, type }, [text as unknown as Transferable]);
  } catch {
    // The stream stays here when it cannot be transferred (DataCloneError).
    worker.terminate();
    return gzipHere(text, type);
  }
  return new Promise<Blob>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<GzipAnswer>) => {
      worker.terminate();
      if ('blob' in e.data) resolve(e.data.blob);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'compressing the backup stopped unexpectedly'));
    };
  });
}
