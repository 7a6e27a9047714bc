/**
 * Serving Briefdeck under a sub-path (`BASE_PATH=/briefdeck/ npm run build`). Screens are written
 * with root paths (`/deck/x`, `route('/author')`); here those gain the base on the way out and
 * lose it on the way in, so no screen needs to know where the app is served. At the default base
 * `/` the shell leaves this module out (see app.tsx).
 */
import { options, type ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { LocationProvider, useLocation } from 'preact-iso';

/** The base without its trailing slash: `/briefdeck` for `/briefdeck/`. */
export const BASE = /* @__PURE__ */ import.meta.env.BASE_URL.replace(/\/$/, '');

/** A root path as the address bar shows it: `/deck/x` becomes `/briefdeck/deck/x`. */
export function withBase(path: string, base = BASE): string {
  return path[0] === '/' && path[1] !== '/' && path !== base && !path.startsWith(`${base}/`) ? base + path : path;
}

/** An address's path as the routes know it: `/briefdeck/deck/x` becomes `/deck/x`; outside the base, unchanged. */
export function withoutBase(path: string, base = BASE): string {
  if (path === base) return '/';
  return path.startsWith(`${base}/`) || path.startsWith(`${base}?`) ? path.slice(base.length).replace(/^\?/, '/?') : path;
}

/** Every `<a href="/…">` rendered anywhere gets the base: a link opened in a new tab or copied works too. */
export function prefixLinks(base = BASE): void {
  const next = options.vnode;
  options.vnode = (vnode) => {
    const props = vnode.props as { href?: unknown };
    if (vnode.type === 'a' && typeof props.href === 'string') props.href = withBase(props.href, base);
    next?.(vnode);
  };
}

/** Gives the routes inside it the address without the base, and adds the base to `route()` calls. */
export function BaseScope({ base = BASE, children }: { base?: string; children?: ComponentChildren }) {
  const outer = useLocation();
  const inner = useMemo(
    () => ({
      ...outer,
      url: withoutBase(outer.url, base),
      path: withoutBase(outer.path, base),
      route: (url: string, replace?: boolean) => outer.route(withBase(url, base), replace),
    }),
    [outer, base],
  );
  return <LocationProvider.ctx.Provider value={inner}>{children}</LocationProvider.ctx.Provider>;
}
