/**
 * The words and buttons of the store's notices (see StoreNotices.tsx). Its own chunk, loaded only
 * when there is something to say: damaged records skipped, or a connection event.
 */
import type { ConnectionEvent, Damage } from '../store';
import './notices.css';

const CONNECTION: Record<ConnectionEvent['type'], string> = {
  blocked: 'Close other Briefdeck tabs: an older version open there keeps this one from updating its storage.',
  blocking: 'Briefdeck was updated in another tab. Reload this tab to keep studying; nothing you saved is lost.',
  terminated: 'The browser closed Briefdeck’s storage unexpectedly. It reopens with your next action; if saving fails, reload.',
};

export interface NoticeCardsProps {
  /** Damaged records, when there are ones not dismissed yet. */
  damage: Damage[] | null;
  connection: ConnectionEvent['type'] | null;
  onDismissDamage: () => void;
  onDismissConnection: () => void;
}

/** The notice cards, in the page's flow under the header. */
export function NoticeCards({ damage, connection, onDismissDamage, onDismissConnection }: NoticeCardsProps) {
  const shown = !!damage;
  return (
    <div class="store-notices">
      {shown && (
        <div role="alert" class="notice-card">
          <p>
            Briefdeck skipped {damage.length === 1 ? 'a damaged saved record' : `${damage.length} damaged saved records`} so that it could keep
            working. The rest of your progress is safe; export a backup, or remove what cannot be read, in <a href="/settings">Settings</a>.
          </p>
          <details>
            <summary>What was damaged</summary>
            <ul>
              {damage.map((d) => (
                <li key={`${d.store}:${d.key}`}>
                  {d.store} “{d.key}” {d.problem}
                </li>
              ))}
            </ul>
          </details>
          <button type="button" onClick={() => onDismissDamage()}>
            Dismiss
          </button>
        </div>
      )}
      {connection && (
        <div role="alert" class="notice-card">
          <p>{CONNECTION[connection]}</p>
          {connection === 'blocking' ? (
            <button type="button" onClick={() => location.reload()}>
              Reload
            </button>
          ) : (
            <button type="button" onClick={() => onDismissConnection()}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
