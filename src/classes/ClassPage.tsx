/**
 * `/classes/:id`: one class for its teacher: the invite (link and code), publishing decks, and
 * the dashboard read from the students' own databases, with its CSV export. Lazy classes chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import { getDeck, listDecks, type LibraryEntry } from '../library/library';
import { download } from '../ui/download';
import type { ClassInfo } from '../sync/setup';
import type { ClassDeckDoc } from './class-docs';
import { useTeacher } from './ClassesPage';
import { Dashboard } from './Dashboard';
import { inviteCode, inviteLink, type Invite } from './invite';
import { savedServerUrl, sessionServer } from './server-session';
import { listClassDecks, openOrCreateClass, publishDecks, unpublishDeck } from './teacher';
import { rememberTeacherClass, teacherClasses } from './teacher-classes';

export function ClassPage({ id }: { id: string }) {
  const server = savedServerUrl();
  const [who] = useTeacher(server);
  const [cls, setCls] = useState<{ info: ClassInfo; invite: Invite } | null>(null);
  const [published, setPublished] = useState<ClassDeckDoc[]>([]);
  const [library, setLibrary] = useState<LibraryEntry[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const loadPublished = () =>
    listClassDecks(sessionServer(server), id).then(({ decks }) => setPublished(decks), (e: Error) => setError(e.message));

  useEffect(() => {
    if (who.state !== 'in') return;
    const title = teacherClasses(server).find((c) => c.classId === id)?.title ?? id;
    openOrCreateClass(sessionServer(server), who, id, title).then(
      (opened) => {
        setCls(opened);
        rememberTeacherClass({ server, classId: id, title: opened.info.title });
      },
      (e: Error) => setError(e.message),
    );
    void loadPublished();
    listDecks().then(setLibrary, (e: Error) => setError(e.message));
  }, [who.state, id]);

  const publish = async (e: Event) => {
    e.preventDefault();
    if (picked.size === 0) {
      setMessage('Pick at least one deck to publish.');
      return;
    }
    setMessage('Publishing…');
    try {
      const decks = [];
      for (const deckId of picked) {
        const deck = await getDeck(deckId);
        if (!deck) throw new Error(`The deck ${deckId} is no longer in your library.`);
        decks.push(deck);
      }
      await publishDecks(sessionServer(server), id, decks);
      await loadPublished();
      setPicked(new Set());
      setMessage(`Published ${decks.map((d) => d.title).join(', ')}. Students get ${decks.length === 1 ? 'it' : 'them'} on their next sync.`);
    } catch (err) {
      setMessage(`Not published: ${(err as Error).message}`);
    }
  };

  if (who.state === 'checking') return <p aria-busy="true">Checking the server…</p>;
  if (who.state === 'out') {
    return (
      <section class="page author classes">
        <h1>Class {id}</h1>
        {who.note && <p role="alert">{who.note}</p>}
        <p>
          <a href="/classes">Sign in on the Classes screen</a> to open this class.
        </p>
      </section>
    );
  }
  const link = cls ? inviteLink(location.origin, server, cls.invite) : '';
  return (
    <section class="page author classes">
      <p>
        <a href="/classes">← Classes</a>
      </p>
      <h1>{cls?.info.title ?? `Class ${id}`}</h1>
      {error && <p role="alert">{error}</p>}
      {!cls && !error && <p aria-busy="true">Opening the class…</p>}
      {cls && (
        <>
          <section aria-labelledby="invite-h">
            <h2 id="invite-h">Invite students</h2>
            <div class="field">
              <label for="invite-link">Invite link</label>
              <input id="invite-link" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            </div>
            <p>
              Class code: <strong class="class-code" data-testid="class-code">{inviteCode(cls.invite)}</strong>
            </p>
            <p class="hint">
              A student opens the link (or types the code on the Join a class screen, with this server), signs in or
              creates an account, and gets the class decks. Joining lets you read their progress; they never see each
              other’s.
            </p>
            <button
              type="button"
              class="button"
              onClick={() =>
                navigator.clipboard?.writeText(link).then(
                  () => setMessage('Invite link copied.'),
                  () => setMessage('Copy the link from the field above.'),
                )
              }
            >
              Copy invite link
            </button>
          </section>
          <section aria-labelledby="publish-h">
            <h2 id="publish-h">Decks</h2>
            {published.length === 0 ? (
              <p>No decks published yet.</p>
            ) : (
              <ul aria-label="Published decks">
                {published.map((d) => (
                  <li key={d._id}>
                    {d.deck.title} <span class="meta">(version {d.deck.version})</span>{' '}
                    <button
                      type="button"
                      class="button"
                      aria-label={`Remove ${d.deck.title} from the class`}
                      onClick={() =>
                        unpublishDeck(sessionServer(server), id, d.deck.id).then(
                          () => (setMessage(`Removed ${d.deck.title} from the class; students keep their copy and progress.`), loadPublished()),
                          (err: Error) => setMessage(`Not removed: ${err.message}`),
                        )
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form class="class-form" onSubmit={publish}>
              <fieldset>
                <legend>Publish decks (a new version replaces the class’s copy; students keep their progress)</legend>
                {library.map((entry) => (
                  <label key={entry.summary.id} class="inline">
                    <input
                      type="checkbox"
                      checked={picked.has(entry.summary.id)}
                      onChange={(e) => {
                        const next = new Set(picked);
                        if (e.currentTarget.checked) next.add(entry.summary.id);
                        else next.delete(entry.summary.id);
                        setPicked(next);
                      }}
                    />
                    {entry.summary.title}
                  </label>
                ))}
              </fieldset>
              <button type="submit" class="button primary">
                Publish
              </button>
            </form>
          </section>
          <p class="class-message" role="status" aria-live="polite">
            {message}
          </p>
          <Dashboard server={server} classId={id} decks={published.map((d) => d.deck)} onCsv={(csv) => download(`${id}-dashboard.csv`, csv, 'text/csv')} />
        </>
      )}
    </section>
  );
}
