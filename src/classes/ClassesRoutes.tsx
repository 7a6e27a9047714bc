/** The classes chunk's one entry: `/classes`, `/classes/:id` and `/join/:code`. */
import { useLocation } from 'preact-iso';
import { ClassesPage } from './ClassesPage';
import { ClassPage } from './ClassPage';
import { JoinPage } from './JoinPage';
import './classes.css';

/** Picks the screen from the path; the app shell routes both prefixes here. */
export default function ClassesRoutes({ id }: { id?: string }) {
  const { path } = useLocation();
  if (path.startsWith('/join')) return <JoinPage code={id} />;
  return id ? <ClassPage id={id} /> : <ClassesPage />;
}
