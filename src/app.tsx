/** App shell: header, routes and lazy chunks. Part of the main bundle. */
import { LocationProvider, Router, Route, lazy } from 'preact-iso';
import { Home } from './ui/Home';
import { NotFound } from './ui/NotFound';
import { AppNav } from './ui/AppNav';
import { BaseScope, prefixLinks } from './ui/base-path';
import { PwaStatus } from './pwa/PwaStatus';
import { PwaNotices } from './pwa/PwaNotices';
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { effect } from '@preact/signals';
import { offlineReady } from './pwa/state';
import { Review } from './study/Review';
import { startAppearance } from './settings/appearance';
import { offlineReadySlot } from './ui/home-status';
import { Shell } from './ui/Shell';

const Quiz = lazy(() => import('./quiz/QuizScreen'));
const DeckPage = lazy(() => import('./study/DeckPage').then((m) => m.DeckPage));
const Settings = lazy(() => import('./settings/Settings').then((m) => m.Settings));
const Stats = lazy(() => import('./stats/StatsPage').then((m) => m.StatsPage));
const AuthorList = lazy(() => import('./author/AuthorList').then((m) => m.AuthorList));
const Editor = lazy(() => import('./author/editor/Editor').then((m) => m.Editor));
const DraftScreen = lazy(() => import('./author/draft/DraftScreen').then((m) => m.DraftScreen));
const ImportScreen = lazy(() => import('./author/import/ImportScreen').then((m) => m.ImportScreen));
const SharePage = lazy(() => import('./author/SharePage').then((m) => m.SharePage));
const Classes = lazy(() => import('./classes/entry'));
// Built for a sub-path (BASE_PATH): links and routes carry the base. A constant at build time, so
// the default build leaves base-path.tsx out.
const SUB_PATH = import.meta.env.BASE_URL !== '/';
if (SUB_PATH) prefixLinks();
// The home screen shows "ready offline" from the service worker's state without importing it:
// either the worker just finished caching, or an earlier one already controls this page.
effect(() => {
  const controlled = typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
  if (offlineReady.value || controlled) offlineReadySlot.value = true;
});

/** The frame (header, navigation, notices) around the routes. */
function Routes({ sync: Sync }: { sync: ComponentType | null }) {
  return (
    <Shell
      nav={<AppNav />}
      status={
        <>
          <PwaStatus />
          {Sync && <Sync />}
        </>
      }
      notices={<PwaNotices />}
    >
      <Router>
        <Route path="/" component={Home} />
        <Route path="/deck/:id" component={DeckPage} />
        <Route path="/study/:deckId" component={Review} />
        <Route path="/settings" component={Settings} />
        <Route path="/quiz/:id" component={Quiz} />
        <Route path="/stats" component={Stats} />
        <Route path="/stats/:deckId" component={Stats} />
        <Route path="/author" component={AuthorList} />
        <Route path="/author/draft" component={DraftScreen} />
        <Route path="/author/:id" component={Editor} />
        <Route path="/import" component={ImportScreen} />
        <Route path="/share" component={SharePage} />
        <Route path="/classes/:id?" component={Classes} />
        <Route path="/join/:id?" component={Classes} />
        <Route default component={NotFound} />
      </Router>
    </Shell>
  );
}

export function App() {
  useEffect(() => startAppearance(), []);
  // Sync (and PouchDB) loads after the first screen, and only for a signed-in learner.
  const [Sync, setSync] = useState<ComponentType | null>(null);
  useEffect(() => {
    const load = () => void import('./sync/SyncBadge').then((m) => setSync(() => m.SyncBadge));
    if (localStorage.getItem('briefdeck-sync-account')) {
      load();
      // A joined class's new decks arrive with each sync.
      if (localStorage.getItem('briefdeck-joined-classes')) void import('./classes/follow-sync');
    }
    addEventListener('briefdeck-sync', load);
  }, []);
  return (
    <LocationProvider>
      {SUB_PATH ? (
        <BaseScope>
          <Routes sync={Sync} />
        </BaseScope>
      ) : (
        <Routes sync={Sync} />
      )}
    </LocationProvider>
  );
}
