/** Entry point: mounts the app shell. Part of the main bundle: keep it small. */
import { render } from 'preact';
import { App } from './app';
import { getSettings } from './store';
import { listDecks } from './library/library';
import './ui/global.css';

// Almost every screen starts from the settings and the deck list: open the database and fetch
// the list while the first render runs, not after it. (Failures surface where they are used.)
getSettings().catch(() => undefined);
listDecks().catch(() => undefined);

const app = document.getElementById('app')!;
render(<App />, app);
// Storage warnings (and damaged-record notices) need not hold up the first card: the check loads
// when idle, and the warnings' own code only when there is something to say.
(self.requestIdleCallback ?? setTimeout)(() => void import('./ui/storage-check').then((m) => m.startStorageWatch(app)));
