/**
 * Server, username and password, with Sign in and (optionally) Create account, for the Classes
 * and join screens. Errors come from `couch.ts` in words (wrong password, server down, CORS).
 */
import { useState } from 'preact/hooks';
import { createAccount } from '../sync/couch';
import { serverUrlProblem } from './invite';
import { sessionServer, signInTo } from './server-session';

export interface SignInProps {
  /** The server address to start with. */
  server: string;
  /** Prefix for the fields' ids, unique on the page. */
  idPrefix: string;
  /** Whether to offer Create account. */
  allowCreate: boolean;
  /** Label of the sign-in button. */
  signInLabel?: string;
  createLabel?: string;
  /** Called once signed in; may throw, and its error is shown. */
  onSignedIn: (server: string, name: string) => Promise<void> | void;
  /** Extra fields shown before the account fields. */
  children?: preact.ComponentChildren;
  /** Checked before anything is sent: a message stops the submission. */
  check?: () => string | null;
}

export function SignInForm(props: SignInProps) {
  const [server, setServer] = useState(props.server);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = (s: string) => `${props.idPrefix}-${s}`;

  const go = async (create: boolean) => {
    const problem = props.check?.() ?? serverUrlProblem(server) ?? (name.trim() ? null : 'Enter your username.') ?? (password ? null : 'Enter your password.');
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (create) await createAccount(sessionServer(server), name.trim(), password);
      const signed = await signInTo(server, name.trim(), password);
      await props.onSignedIn(server.trim(), signed);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="class-form"
      onSubmit={(e) => {
        e.preventDefault();
        void go(false);
      }}
    >
      <div class="field">
        <label for={id('server')}>Server</label>
        <input id={id('server')} type="url" inputMode="url" autoComplete="url" value={server} onInput={(e) => setServer(e.currentTarget.value)} required />
      </div>
      {props.children}
      <div class="field">
        <label for={id('name')}>Username</label>
        <input id={id('name')} type="text" autoComplete="username" autoCapitalize="none" spellcheck={false} value={name} onInput={(e) => setName(e.currentTarget.value)} required />
      </div>
      <div class="field">
        <label for={id('password')}>Password</label>
        <input id={id('password')} type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
      </div>
      <div class="row-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {props.signInLabel ?? 'Sign in'}
        </button>
        {props.allowCreate && (
          <button type="button" class="button" disabled={busy} onClick={() => void go(true)}>
            {props.createLabel ?? 'Create account'}
          </button>
        )}
      </div>
      <p class="class-message" role="status" aria-live="polite">
        {busy ? 'Working…' : ''}
      </p>
      {error && (
        <p class="class-message error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
