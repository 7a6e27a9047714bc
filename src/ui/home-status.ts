/**
 * A slot the home screen reads to say the app works offline. The app shell fills it from the
 * service-worker state, so the home screen need not import the PWA code. Main bundle.
 */
import { signal } from '@preact/signals';

/** True once every file the app needs is cached for offline use. */
export const offlineReadySlot = signal(false);
