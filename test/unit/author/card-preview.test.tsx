import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { CardPreview } from '../../../src/author/editor/CardPreview';
import type { Card } from '../../../src/deck/schema';

afterEach(cleanup);

const cloze = (n: number): Card => ({ id: 'many', type: 'cloze', text: Array.from({ length: n }, (_, i) => `w${i} {{c${i + 1}::a${i}}}`).join(' ') });

describe('card preview', () => {
  test('a cloze card with many deletions renders one review item, so its cost grows with the deletions, not their square', () => {
    const { container } = render(<CardPreview card={cloze(190)} />);
    // One question side with one blank and one answer side with one marked answer; every other
    // deletion shows as its text, once per side.
    expect(container.querySelectorAll('.cloze-blank')).toHaveLength(1);
    expect(container.querySelectorAll('mark.cloze-answer')).toHaveLength(1);
    expect(container.querySelectorAll('.preview-side')).toHaveLength(2);
    const pick = screen.getByRole('combobox', { name: 'Review item' });
    expect(within(pick).getAllByRole('option')).toHaveLength(190);
    fireEvent.change(pick, { target: { value: 'c120' } });
    expect(screen.getByRole('group', { name: 'Answer side (Deletion 120)' }).querySelector('mark')!.textContent).toBe('a119');
  });

  test('a reversed basic card offers both sides; a single-item card has no list', () => {
    render(<CardPreview card={{ id: 'b', type: 'basic', front: 'Front text', back: 'Back text', reverse: true }} />);
    const pick = screen.getByRole('combobox', { name: 'Review item' });
    expect(within(pick).getAllByRole('option').map((o) => o.textContent)).toEqual(['Front to back', 'Reversed']);
    fireEvent.change(pick, { target: { value: 'reverse' } });
    expect(screen.getByRole('group', { name: 'Question side (Reversed)' }).textContent).toContain('Back text');
    cleanup();
    render(<CardPreview card={{ id: 'b', type: 'basic', front: 'F', back: 'B' }} />);
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
