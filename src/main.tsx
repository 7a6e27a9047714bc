/** Entry point: mounts the app shell. Part of the main bundle: keep it small. */
import { hydrate, render } from 'preact';
import { App } from './app';
import { getSettings } from './store';
import { listDecks } from './library/library';
import './ui/global.css';

// Almost every screen starts from the settings and the deck list: open the database and fetch
// the list while the first render runs, not after it. (Failures surface where they are used.)
getSettings().catch(() => undefined);
listDecks().catch(() => undefined);

const app = document.getElementById('app')!;
/**
 * The build prerendered the home screen into the page (index.html), its links from the root: at
 * the root, the app attaches to those nodes as they are (hydrate) instead of reading and comparing
 * every attribute of the page (render), in a task of its own after the bundle's evaluation (two
 * shorter tasks rather than one long one while the page loads). Under a sub-path (whose links
 * differ) and on other routes, the app renders at once, so no screen but its own is left in
 * place once the page has loaded.
 */
const prerendered = import.meta.env.BASE_URL === '/' && location.pathname === '/' && !!document.querySelector('#main > *');
if (prerendered) setTimeout(() => hydrate(<App />, app), 0);
else render(<App />, app);
// Storage warnings (and damaged-record notices) need not hold up the first card: the check loads
// when idle, and the warnings' own code only when there is something to say.
(self.requestIdleCallback ?? setTimeout)(() => void import('./ui/storage-check').then((m) => m.startStorageWatch(app)));
