/**
 * Tells the learner what the store cannot fix alone: damaged records it skipped, another tab
 * holding the database during an upgrade, or the browser closing storage. Part of the main bundle.
 */
import { useEffect, useState } from 'preact/hooks';
import { damagedRecords, onConnectionEvent, onDamage, type ConnectionEvent, type Damage } from '../store';

const CONNECTION: Record<ConnectionEvent['type'], string> = {
  blocked: 'Close other Briefdeck tabs: an older version open there keeps this one from updating its storage.',
  blocking: 'Briefdeck was updated in another tab. Reload this tab to keep studying; nothing you saved is lost.',
  terminated: 'The browser closed Briefdeck’s storage unexpectedly. It reopens with your next action; if saving fails, reload.',
};

export function StoreNotices() {
  const [damage, setDamage] = useState<Damage[]>(damagedRecords);
  const [connection, setConnection] = useState<ConnectionEvent['type'] | null>(null);
  const [dismissed, setDismissed] = useState(0);
  useEffect(() => {
    const stopDamage = onDamage(setDamage);
    const stopConnection = onConnectionEvent((e) => setConnection(e.type));
    return () => {
      stopDamage();
      stopConnection();
    };
  }, []);
  const shown = damage.length > dismissed;
  if (!shown && !connection) return null;
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
          <button type="button" onClick={() => setDismissed(damage.length)}>
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
            <button type="button" onClick={() => setConnection(null)}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
