/**
 * `/join/:code?server=…`: a student opens a class invite, signs in or creates an account, and
 * joins: the class's decks come into the library, available offline. Also lists the classes
 * joined on this device, with a way to fetch their newest decks. Lazy classes chunk.
 */
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { displayNameProblem } from './class-docs';
import { parseInviteCode } from './invite';
import { installClassDecks, joinedClasses, refreshJoinedClasses, rememberJoined } from './joined';
import { savedServerUrl, sessionServer } from './server-session';
import { SignInForm } from './SignInForm';
import { fetchClassDecks, joinClass } from './student';

export function JoinPage({ code: initialCode }: { code?: string }) {
  const { query } = useLocation();
  const [code, setCode] = useState(initialCode ?? '');
  const [displayName, setDisplayName] = useState('');
  const [done, setDone] = useState<{ title: string; decks: string[]; refused: number } | null>(null);
  const [refreshNote, setRefreshNote] = useState('');
  const server = query.server || savedServerUrl();

  const check = (): string | null => {
    const parsed = parseInviteCode(code);
    if (!parsed.ok) return parsed.error;
    return displayNameProblem(displayName);
  };

  const onSignedIn = async (url: string, name: string) => {
    const parsed = parseInviteCode(code);
    if (!parsed.ok) throw new Error(parsed.error);
    const joined = await joinClass(sessionServer(url), name, parsed.invite, displayName);
    rememberJoined(joined);
    const { decks, quarantined } = await fetchClassDecks(joined);
    setDone({ title: joined.title, decks: await installClassDecks(joined.classId, decks), refused: quarantined.length });
  };

  const refresh = async () => {
    setRefreshNote('Fetching class decks…');
    const results = await refreshJoinedClasses();
    setRefreshNote(
      results
        .map((r) => (r.error ? `${r.classId}: ${r.error}` : `${r.classId}: ${r.decks.length} ${r.decks.length === 1 ? 'deck' : 'decks'} up to date`))
        .join(' · '),
    );
  };

  const joined = joinedClasses();
  return (
    <section class="page author classes">
      <h1>Join a class</h1>
      {done ? (
        <div role="status">
          <p>
            You joined <strong>{done.title}</strong>. Your teacher can now see your progress on the class’s decks; other
            students cannot.
          </p>
          <p>
            {done.decks.length === 0
              ? 'The class has no decks yet: they come on your next sync.'
              : `In your library, available offline: ${done.decks.join(', ')}.`}
            {done.refused > 0 && ` ${done.refused} deck(s) from the server were refused as damaged.`}
          </p>
          <a class="button primary" href="/">
            Go to your decks
          </a>
        </div>
      ) : (
        <>
          <p class="meta">Your teacher gave you an invite link or a class code. Sign in (or create an account) to join.</p>
          <SignInForm
            server={server}
            idPrefix="join"
            allowCreate
            signInLabel="Sign in and join"
            createLabel="Create account and join"
            onSignedIn={onSignedIn}
            check={check}
          >
            <div class="field">
              <label for="join-code">Class code</label>
              <input id="join-code" type="text" autoCapitalize="none" spellcheck={false} value={code} onInput={(e) => setCode(e.currentTarget.value)} required />
            </div>
            <div class="field">
              <label for="join-display">Display name (shown to your teacher)</label>
              <input id="join-display" type="text" autoComplete="name" maxLength={80} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} required />
            </div>
          </SignInForm>
        </>
      )}
      {joined.length > 0 && (
        <section aria-labelledby="joined-h">
          <h2 id="joined-h">Classes on this device</h2>
          <ul>
            {joined.map((j) => (
              <li key={`${j.server} ${j.classId}`}>
                {j.title} <span class="meta">(teacher {j.teacher}, as {j.username})</span>
              </li>
            ))}
          </ul>
          <button type="button" class="button" onClick={() => void refresh()}>
            Get the newest class decks
          </button>
          <p role="status" aria-live="polite">
            {refreshNote}
          </p>
        </section>
      )}
    </section>
  );
}
