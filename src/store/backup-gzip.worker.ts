/** Worker entry compressing an exported backup's text (see `gzipOf` in backup-gzip.ts). */
import { gzipHere, type GzipAnswer } from './backup-gzip';

self.onmessage = async (e: MessageEvent<{ text: ReadableStream<string>; type: string }>) => {
  let answer: GzipAnswer;
  try {
    answer = { blob: await gzipHere(e.data.text, e.data.type) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
};
