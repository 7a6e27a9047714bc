/** Saving text as a file on the device, through a temporary link (works offline, no server round trip). */

/** How long the file's object URL is kept: revoking at once can cancel the download in some browsers, which read it asynchronously. */
const KEEP_URL_MS = 60_000;

/** Starts a download of `content` (text, bytes, or a file already made) as a file called `name`. */
export function download(name: string, content: string | Uint8Array<ArrayBuffer> | Blob, type = 'application/json'): void {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
}
