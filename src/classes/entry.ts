/**
 * The classes chunk's door from the app shell: a module with one dynamic import, so the shell
 * carries one file name for it instead of the list of every chunk the classes screens share.
 */
import { lazy } from 'preact-iso';

/** `/classes`, `/classes/:id` and `/join/:code`, loaded on first visit. */
export default lazy(() => import('./ClassesRoutes'));
