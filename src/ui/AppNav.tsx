/**
 * The main navigation. Part of the main bundle: keep it small. On wide screens it is the header's
 * Stats · Author · Settings; on a phone (global.css) it becomes a tab bar at the bottom of the
 * screen — Decks, Study, Quiz, Stats, Author — where the thumb is, and Settings stays in the header.
 */
import { useLocation } from 'preact-iso';

/** Which tab a path belongs to: its first segment, with a deck's pages and adding a deck under Decks. */
export function sectionOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['deck', 'import', 'share', ''].includes(first) ? 'decks' : first;
}

// [section, link, label, class]: `tab-only` links are on the phone's tab bar alone (wide screens
// have the brand link and home's buttons); Settings moves to the header on a phone.
const LINKS = [
  ['decks', '/', 'Decks', 'tab-only'],
  ['study', '/study/all', 'Study', 'tab-only'],
  ['quiz', '/quiz/all', 'Quiz', 'tab-only'],
  ['stats', '/stats', 'Stats'],
  ['author', '/author', 'Author'],
  ['settings', '/settings', 'Settings', 'nav-settings'],
] as const;

/** The navigation of the current route. */
export function AppNav() {
  return <NavLinks here={sectionOf(useLocation().path)} />;
}

/** The navigation landmark "Main", the section `here` marked with aria-current, and the phone's header Settings link. */
export function NavLinks({ here }: { here: string }) {
  const current = (section: string) => (here === section ? 'page' : undefined);
  return (
    <>
      <nav class="app-nav" aria-label="Main">
        {LINKS.map(([section, href, label, cls]) => (
          <a key={section} href={href} class={cls} aria-current={current(section)}>
            {label}
          </a>
        ))}
      </nav>
      <a class="header-settings" href="/settings" aria-current={current('settings')}>
        Settings
      </a>
    </>
  );
}
