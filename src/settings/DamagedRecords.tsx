/**
 * Settings' list of records Briefdeck skipped as damaged (a review item, a log entry, a deck, a
 * draft or the settings), each with a way to remove it: a record that cannot be read must not
 * stay in the way for good. Lazy settings chunk.
 */
import { useEffect, useState } from 'preact/hooks';
import { damagedRecords, onDamage, type Damage } from '../store';
import { removeDamaged } from '../store/replace';

const NAMES: Record<Damage['store'], string> = { items: 'Review item', reviews: 'Review log entry', decks: 'Deck', settings: 'Settings', drafts: 'Draft', media: 'Media file' };

export function DamagedRecords() {
  const [damage, setDamage] = useState<Damage[]>(damagedRecords);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => onDamage(setDamage), []);
  if (!damage.length && !msg) return null;
  const remove = async (d: Damage) => {
    // A native dialog: no page framing Briefdeck can answer it.
    if (!confirm(`Remove the damaged ${NAMES[d.store].toLowerCase()} “${d.key}”? It cannot be read, and this cannot be undone.`)) return;
    try {
      await removeDamaged(d);
      setMsg(`Removed the damaged ${NAMES[d.store].toLowerCase()} “${d.key}”.`);
    } catch (e) {
      setMsg(`Could not remove “${d.key}”: ${(e as Error).message}`);
    }
  };
  return (
    <fieldset>
      <legend>Damaged records</legend>
      <p role="status">{msg}</p>
      {damage.length > 0 && (
        <>
          <p>These saved records could not be read and are skipped. Export a backup first if you want to keep what is left of them.</p>
          <ul>
            {damage.map((d) => (
              <li key={`${d.store}:${d.key}`}>
                {NAMES[d.store]} “{d.key}” {d.problem}{' '}
                <button type="button" class="danger" onClick={() => void remove(d)} aria-label={`Remove ${NAMES[d.store].toLowerCase()} ${d.key}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}
