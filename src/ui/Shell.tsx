/**
 * The app's frame: skip link, header (brand, the navigation and status slots), the notices' slot and
 * `<main>`. The build prerenders it into index.html around the home screen (with the static
 * slots below), and the app renders it around every screen. No styles or store here.
 */
import type { ComponentChildren } from 'preact';

export interface ShellProps {
  /** The main navigation (AppNav; NavLinks when prerendered). */
  nav: ComponentChildren;
  /** The header's install / offline controls (PwaStatus). */
  status: ComponentChildren;
  /** Notices above the screen (PwaNotices). */
  notices: ComponentChildren;
  children?: ComponentChildren;
}

export function Shell({ nav, status, notices, children }: ShellProps) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <a class="brand" href="/">
          Briefdeck
        </a>
        {nav}
        {status}
      </header>
      {notices}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** What PwaStatus shows before it knows anything (online, nothing to install): the prerendered slot. */
export function StaticStatus() {
  return (
    <div class="pwa-status">
      <span role="status" class="pwa-offline" />
    </div>
  );
}

/** What PwaNotices shows with no update waiting: the prerendered slot. */
export function StaticNotices() {
  return <div class="pwa-notices" role="status" />;
}
