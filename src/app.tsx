/** App shell: header, routes and lazy chunks. Part of the main bundle. */
import { LocationProvider, Router, Route, lazy } from 'preact-iso';
import { Home } from './ui/Home';
import { NotFound } from './ui/NotFound';
import { PwaStatus } from './pwa/PwaStatus';
import { PwaNotices } from './pwa/PwaNotices';
import { BuildInfo } from './pwa/BuildInfo';

const Quiz = lazy(() => import('./quiz/QuizScreen'));
const Stats = lazy(() => import('./stats/StatsPage').then((m) => m.StatsPage));

export function App() {
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="app-header">
        <a class="brand" href="/">Briefdeck</a>
        <PwaStatus />
      </header>
      <main id="main" tabIndex={-1}>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/quiz/:id" component={Quiz} />
          <Route path="/stats" component={Stats} />
          <Route path="/stats/:deckId" component={Stats} />
          <Route default component={NotFound} />
        </Router>
      </main>
      <footer class="app-footer">
        <BuildInfo />
      </footer>
      <PwaNotices />
    </LocationProvider>
  );
}
