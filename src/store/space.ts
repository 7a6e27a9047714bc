/**
 * Whether the device is running out of room for Briefdeck (set by watch.ts from the browser's
 * storage estimate). While it is, writes that can wait (drafts) are refused, so the room left
 * goes to study answers. Loaded with the screens that write drafts and with the storage watch.
 */
let low = false;

/** Whether writes that can wait should be refused for now. */
export const spaceIsLow = (): boolean => low;

/** Sets the flag (the storage watch, or a test). */
export function setSpaceLow(value: boolean): void {
  low = value;
}
