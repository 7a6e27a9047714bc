/**
 * Header controls for the installed-app side of Briefdeck: a quiet "Offline" indicator, an
 * "Install app" button when the browser offers installation, and on iOS Safari a short how-to.
 * Part of the main bundle; it starts the (lazy) service worker registration after first render.
 */
import { useEffect, useState } from 'preact/hooks';
import { installPrompt, installed, isIos, online } from './state';
import './pwa.css';

/** Loads the registration chunk once the page has loaded and the main thread is idle. */
function startLater(): void {
  // The first screen needs no worker: registering it (and its first install) waits until the page
  // has nothing else to do, so it never lengthens a task of the first paint or the first card.
  const register = () => void import('./register').then((m) => m.startServiceWorker());
  const start = () => (self.requestIdleCallback ?? setTimeout)(register);
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

async function install(): Promise<void> {
  const prompt = installPrompt.value;
  if (!prompt) return;
  // A prompt event can be used once; the browser sends a new one if the learner declines.
  installPrompt.value = null;
  await prompt.prompt();
  await prompt.userChoice;
}

export function PwaStatus() {
  const [ios] = useState(() => isIos(navigator));
  useEffect(startLater, []);
  return (
    <div class="pwa-status">
      <span role="status" class="pwa-offline">
        {!online.value && 'Offline'}
      </span>
      {!installed.value && installPrompt.value && (
        <button type="button" class="pwa-button" onClick={() => void install()}>
          Install app
        </button>
      )}
      {!installed.value && !installPrompt.value && ios && (
        <details class="pwa-ios">
          <summary>Install app</summary>
          <p>
            In Safari, tap <strong>Share</strong>, then <strong>Add to Home Screen</strong>.
          </p>
        </details>
      )}
    </div>
  );
}
