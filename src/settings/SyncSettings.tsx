/**
 * Settings → Sync (its own chunk, loaded by `Settings.tsx`): sign in to a sync server or create
 * an account there; once signed in, the status line, Sync now and Sign out (local data stays).
 * PouchDB and the engine load only once an account is signed in.
 */
import { useEffect, useState } from 'preact/hooks';
import { createAccountOn, currentAccount, onAccountChange, signInTo, signOutOf, type Account } from '../sync/account';
import type { SyncStatus } from '../sync/status';
import { statusLine } from '../sync/status-text';

type Runtime = typeof import('../sync/live-sync');

function useSync(account: Account | null): { status: SyncStatus | null; runtime: Runtime | null } {
  const [runtime, setRuntime] = useState<Runtime | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    if (!account) return;
    let off = () => {};
    let live = true;
    void import('../sync/live-sync').then((m) => {
      if (!live) return;
      setRuntime(m);
      off = m.onSyncStatus(setStatus);
    });
    return () => {
      live = false;
      off();
    };
  }, [account?.server, account?.name]);
  // "2 minutes ago" moves on by itself.
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);
  return { status: account ? status : null, runtime };
}

function SignInForm(props: { account: Account | null; again?: boolean }) {
  const [server, setServer] = useState(props.account?.server ?? '');
  const [name, setName] = useState(props.account?.name ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: typeof signInTo) => {
    setBusy(true);
    setError(null);
    try {
      await action(server, name, password);
      setPassword('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(signInTo);
      }}
    >
      <div class="field">
        <label for="sync-server">Server</label>
        <input id="sync-server" type="url" inputMode="url" autoComplete="url" placeholder="https://sync.example.org/" value={server} onInput={(e) => setServer(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="sync-username">Username</label>
        <input id="sync-username" type="text" autoComplete="username" autoCapitalize="none" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="sync-password">Password</label>
        <input id="sync-password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={busy}>
        {props.again ? 'Sign in again' : 'Sign in'}
      </button>
      {!props.again && (
        <button type="button" disabled={busy} onClick={() => void run(createAccountOn)}>
          Create account
        </button>
      )}
      <p class={error ? 'settings-message error' : 'settings-message'} role={error ? 'alert' : 'status'}>
        {busy ? 'Asking the server…' : error}
      </p>
    </form>
  );
}

export function SyncSettings() {
  const [account, setAccount] = useState<Account | null>(currentAccount);
  useEffect(() => onAccountChange(setAccount), []);
  const { status, runtime } = useSync(account);
  const [syncing, setSyncing] = useState(false);
  useEffect(() => {
    // The header's note loads when a learner signs in here, not only at start.
    if (account) dispatchEvent(new Event('briefdeck-sync'));
  }, [account]);
  return (
    <fieldset class="sync-settings">
      <legend>Sync</legend>
      {!account ? (
        <>
          <p class="hint">Keep your progress on a sync server (your school's, or your own) to study on several devices. Briefdeck works the same without it.</p>
          <SignInForm account={null} />
        </>
      ) : (
        <>
          <p>
            Signed in as <strong>{account.name}</strong> on {account.server}
          </p>
          <p class={status?.phase === 'error' ? 'settings-message error' : 'settings-message'} role="status" data-sync-phase={status?.phase ?? 'starting'}>
            {status ? statusLine(status, Date.now()) : 'Starting sync…'}
          </p>
          {status?.signInAgain && <SignInForm account={account} again />}
          {runtime && <runtime.SyncConflicts sync={runtime} />}
          {!!status?.quarantined.length && (
            <details>
              <summary>{status.quarantined.length} document(s) from the server were set aside</summary>
              <ul>
                {status.quarantined.map((q) => (
                  <li key={q.id}>
                    {q.id}: {q.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button
            type="button"
            disabled={!runtime || syncing}
            onClick={async () => {
              setSyncing(true);
              try {
                await runtime?.runningSync()?.syncNow();
              } finally {
                setSyncing(false);
              }
            }}
          >
            Sync now
          </button>
          <button type="button" onClick={() => void signOutOf()}>
            Sign out
          </button>
          <p class="hint">Signing out keeps everything on this device.</p>
        </>
      )}
    </fieldset>
  );
}
