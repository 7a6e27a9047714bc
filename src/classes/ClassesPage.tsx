/**
 * `/classes`: the teacher signs in to the sync server, sees the classes opened on this device
 * and creates (or opens) a class. Lazy classes chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { classIdProblem } from '../sync/names';
import { SignInForm } from './SignInForm';
import { savedServerUrl, sessionServer, signedInName, signOutOf } from './server-session';
import { NeedsAdminError, openOrCreateClass, setupCommand } from './teacher';
import { rememberTeacherClass, teacherClasses } from './teacher-classes';

type Who = { state: 'checking' } | { state: 'out'; note?: string } | { state: 'in'; name: string; admin: boolean };

/** Who is signed in on the saved server; a server that cannot be reached is said in words. */
export function useTeacher(server: string): [Who, (w: Who) => void] {
  const [who, setWho] = useState<Who>(server ? { state: 'checking' } : { state: 'out' });
  useEffect(() => {
    if (!server) return;
    signedInName(server).then(
      (me) => setWho(me.name ? { state: 'in', name: me.name, admin: me.admin } : { state: 'out' }),
      (e: Error) => setWho({ state: 'out', note: e.message }),
    );
  }, [server]);
  return [who, setWho];
}

export function ClassesPage() {
  const { route } = useLocation();
  const [server, setServer] = useState(savedServerUrl());
  const [who, setWho] = useTeacher(server);
  const [classId, setClassId] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [command, setCommand] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    if (who.state !== 'in') return;
    const id = classId.trim();
    const problem = classIdProblem(id) ?? (title.trim() ? null : 'Give the class a title.');
    setCommand(null);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { info } = await openOrCreateClass(sessionServer(server), who, id, title.trim());
      rememberTeacherClass({ server, classId: id, title: info.title });
      route(`/classes/${id}`);
    } catch (err) {
      if (err instanceof NeedsAdminError) {
        setError("Only the server's administrator can create a class database. Ask them to run this command, then press Create or open again:");
        setCommand(setupCommand(id, who.name, title.trim()));
      } else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const mine = who.state === 'in' ? teacherClasses(server) : [];
  return (
    <section class="page author classes">
      <p>
        <a href="/author">← Author decks</a>
      </p>
      <h1>Classes</h1>
      <p class="meta">Publish decks to a class on your sync server, invite students, and see how the class is doing.</p>
      {who.state === 'checking' && <p aria-busy="true">Checking the server…</p>}
      {who.state === 'out' && (
        <>
          {who.note && <p role="alert">{who.note}</p>}
          <h2>Sign in as the teacher</h2>
          <SignInForm
            server={server}
            idPrefix="teacher"
            allowCreate={false}
            onSignedIn={async (url, name) => {
              setServer(url);
              const me = await signedInName(url);
              setWho({ state: 'in', name: me.name ?? name, admin: me.admin });
            }}
          />
        </>
      )}
      {who.state === 'in' && (
        <>
          <p>
            Signed in as <strong>{who.name}</strong> on {server}.{' '}
            <button
              type="button"
              class="button"
              onClick={() => void signOutOf(server).then(() => setWho({ state: 'out' }), (e: Error) => setError(e.message))}
            >
              Sign out
            </button>
          </p>
          <h2>Your classes</h2>
          {mine.length === 0 ? (
            <p>No classes opened on this device yet.</p>
          ) : (
            <ul class="deck-list" aria-label="Your classes">
              {mine.map((c) => (
                <li key={c.classId} class="deck-tile">
                  <a href={`/classes/${c.classId}`}>{c.title}</a> <span class="meta">({c.classId})</span>
                </li>
              ))}
            </ul>
          )}
          <h2>Create or open a class</h2>
          <form class="class-form" onSubmit={create}>
            <div class="field">
              <label for="class-id">Class id</label>
              <input
                id="class-id"
                type="text"
                autoCapitalize="none"
                spellcheck={false}
                aria-describedby="class-id-hint"
                value={classId}
                onInput={(e) => setClassId(e.currentTarget.value)}
                required
              />
              <p id="class-id-hint" class="hint">
                Lower-case letters, digits and dashes, such as bio-7a. It starts every invite code.
              </p>
            </div>
            <div class="field">
              <label for="class-title">Title</label>
              <input id="class-title" type="text" value={title} onInput={(e) => setTitle(e.currentTarget.value)} required />
            </div>
            <button type="submit" class="button primary" disabled={busy}>
              Create or open
            </button>
          </form>
          {error && (
            <p class="class-message error" role="alert">
              {error}
            </p>
          )}
          {command && <pre class="command" tabIndex={0} aria-label="Command for the server's administrator"><code>{command}</code></pre>}
        </>
      )}
    </section>
  );
}
