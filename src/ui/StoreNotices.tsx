/**
 * Tells the learner what the store cannot fix alone: damaged records it skipped, another tab
 * holding the database during an upgrade, or the browser closing storage. Part of the main
 * bundle: it only listens; the words load (NoticeCards) when there is something to say.
 */
import { useEffect, useState } from 'preact/hooks';
import { damagedRecords, onConnectionEvent, onDamage, type ConnectionEvent, type Damage } from '../store';
import type { NoticeCards as Cards } from './NoticeCards';

export function StoreNotices() {
  const [damage, setDamage] = useState<Damage[]>(damagedRecords);
  const [connection, setConnection] = useState<ConnectionEvent['type'] | null>(null);
  const [dismissed, setDismissed] = useState(0);
  const [NoticeCards, setCards] = useState<typeof Cards | null>(null);
  useEffect(() => {
    const stopDamage = onDamage(setDamage);
    const stopConnection = onConnectionEvent((e) => setConnection(e.type));
    return () => {
      stopDamage();
      stopConnection();
    };
  }, []);
  const shown = damage.length > dismissed;
  const any = shown || !!connection;
  useEffect(() => {
    if (any && !NoticeCards) void import('./NoticeCards').then((m) => setCards(() => m.NoticeCards));
  }, [any]);
  if (!any || !NoticeCards) return null;
  return (
    <NoticeCards
      damage={shown ? damage : null}
      connection={connection}
      onDismissDamage={() => setDismissed(damage.length)}
      onDismissConnection={() => setConnection(null)}
    />
  );
}
