/** A damaged draft (from a backup or a hand edit) never hangs the editor, and Settings removes it. */
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/preact';
import { Editor } from '../../../src/author/editor/Editor';
import { AuthorList } from '../../../src/author/AuthorList';
import { Settings } from '../../../src/settings/Settings';
import { closeStore, damagedRecords, saveDeck } from '../../../src/store';
import { getDraft, saveDraft } from '../../../src/store/drafts';
import { at, bundle } from './helpers';

configure({ asyncUtilTimeout: 5000 });
beforeEach(() => bundle());
afterEach(async () => {
  cleanup();
  await closeStore();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

test('the editor opens the saved deck past a damaged draft, and Settings removes the draft', async () => {
  await saveDeck({ id: 'mine', version: 1, title: 'Saved title', cards: [{ id: 'x', type: 'truefalse', statement: 'Water is wet.', answer: true }] }, 'authored');
  await saveDraft('author:deck:mine', { deck: { id: 'mine', title: 'Draft', cards: [{ id: 'a', type: 'constructor' }] }, at: 1 });
  at('/author/mine', [['/author/:id', Editor], ['/author', AuthorList]]);
  expect(((await screen.findByRole('textbox', { name: 'Title' })) as HTMLInputElement).value).toBe('Saved title');
  expect(damagedRecords()).toEqual([{ store: 'drafts', key: 'author:deck:mine', problem: 'deck.cards[0]: must be a card with an id and a type' }]);
  cleanup();

  const confirm = vi.fn(() => true);
  vi.stubGlobal('confirm', confirm);
  render(<Settings />);
  const group = await screen.findByRole('group', { name: 'Damaged records' });
  fireEvent.click(within(group).getByRole('button', { name: 'Remove draft author:deck:mine' }));
  await screen.findByText('Removed the damaged draft “author:deck:mine”.');
  expect(confirm).toHaveBeenCalledTimes(1);
  expect(await getDraft('author:deck:mine')).toBeUndefined();
  expect(damagedRecords()).toEqual([]);
});
