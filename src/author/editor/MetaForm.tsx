/** Deck metadata fields: title, description, language, tags and the source citation. Lazy authoring chunk. */
import type { Deck, DeckSource } from '../../deck/schema';
import { parseTags } from '../edit-model';
import { Field } from './Field';

export function MetaForm({ deck, errors, onChange }: { deck: Deck; errors: Map<string, string[]>; onChange: (deck: Deck) => void }) {
  const set = (patch: Partial<Deck>) => onChange({ ...deck, ...patch });
  const setSource = (patch: Partial<DeckSource>) => set({ source: { title: '', ...deck.source, ...patch } });
  const src = deck.source;
  return (
    <section class="editor-section" aria-labelledby="meta-heading">
      <h2 id="meta-heading">Deck</h2>
      <Field label="Title" path="title" value={deck.title} errors={errors} required onInput={(v) => set({ title: v })} />
      <Field label="Description" path="description" value={deck.description ?? ''} errors={errors} multiline rows={2} onInput={(v) => set({ description: v })} />
      <div class="field-row">
        <Field label="Language" path="language" value={deck.language ?? ''} errors={errors} hint="A language tag such as en or pt-BR." onInput={(v) => set({ language: v.trim() })} />
        <Field label="Tags" path="tags" value={(deck.tags ?? []).join(', ')} errors={errors} commitOnChange hint="Separate tags with commas or spaces." onInput={(v) => set({ tags: parseTags(v) })} />
      </div>
      <fieldset class="source">
        <legend>Source (a citation, not the text itself)</legend>
        <Field label="Source title" path="source.title" value={src?.title ?? ''} errors={errors} onInput={(v) => setSource({ title: v })} />
        <div class="field-row">
          <Field label="Author" path="source.author" value={src?.author ?? ''} errors={errors} onInput={(v) => setSource({ author: v })} />
          <Field label="Publisher" path="source.publisher" value={src?.publisher ?? ''} errors={errors} onInput={(v) => setSource({ publisher: v })} />
        </div>
        <div class="field-row">
          <Field label="Date" path="source.date" value={src?.date ?? ''} errors={errors} placeholder="YYYY-MM-DD" onInput={(v) => setSource({ date: v.trim() })} />
          <Field label="Address (URL)" path="source.url" type="url" value={src?.url ?? ''} errors={errors} onInput={(v) => setSource({ url: v.trim() })} />
        </div>
      </fieldset>
    </section>
  );
}
