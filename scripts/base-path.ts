/**
 * Where the app is served, for vite.config.ts: `/` by default, or a sub-path such as `/briefdeck/`
 * (BASE_PATH at build time) for hosts that serve it under one. Everything the app addresses
 * derives from it.
 */
/** `/`, or `/name/` for BASE_PATH `name`, `/name` or `/name/`; anything that is not a plain URL path is refused. */
export function basePath(value = process.env.BASE_PATH): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (trimmed && !/^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/.test(trimmed)) {
    throw new Error(`BASE_PATH "${value}" is not a URL path such as /briefdeck/ (letters, digits, . _ ~ - and /)`);
  }
  return trimmed ? `/${trimmed}/` : '/';
}
