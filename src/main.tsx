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
 * The build prerendered the home screen into the page (index.html): the app attaches to those
 * nodes as they are (hydrate) instead of reading and comparing every attribute of the page
 * (render). Other routes start from the frame with an empty screen (app.html) and render.
 */
const prerendered = location.pathname === import.meta.env.BASE_URL && !!document.querySelector('#main > *');
// The first render in a task of its own, after the bundle's evaluation: two shorter tasks rather
// than one long one while the page loads (the store's first reads are already on their way).
setTimeout(() => (prerendered ? hydrate : render)(<App />, app), 0);
// Storage warnings (and damaged-record notices) need not hold up the first card: the check loads
// when idle, and the warnings' own code only when there is something to say.
(self.requestIdleCallback ?? setTimeout)(() => void import('./ui/storage-check').then((m) => m.startStorageWatch(app)));
