/** Cloze markup parsing: segments, deletion numbers, hints and the problems the validator reports. */
import { describe, expect, it } from 'vitest';
import { clozeAnswer, parseCloze } from '../../../src/deck/cloze';

describe('parseCloze', () => {
  it('splits text and deletions in order', () => {
    expect(parseCloze('The {{c1::A100}} came from {{c2::Nvidia}}.')).toEqual({
      segments: [
        { kind: 'text', text: 'The ' },
        { kind: 'deletion', n: 1, answer: 'A100' },
        { kind: 'text', text: ' came from ' },
        { kind: 'deletion', n: 2, answer: 'Nvidia' },
        { kind: 'text', text: '.' },
      ],
      numbers: [1, 2],
      problems: [],
    });
  });

  it('keeps a hint and ignores an empty one', () => {
    const { segments } = parseCloze('{{c1::billions::how much?}} and {{c2::design::}}');
    expect(segments[0]).toEqual({ kind: 'deletion', n: 1, answer: 'billions', hint: 'how much?' });
    expect(segments[2]).toEqual({ kind: 'deletion', n: 2, answer: 'design' });
  });

  it('lists each deletion number once, ascending, even when repeated or out of order', () => {
    const parse = parseCloze('{{c3::c}} {{c1::a}} {{c3::again}} {{c10::j}}');
    expect(parse.numbers).toEqual([1, 3, 10]);
    expect(parse.problems).toEqual([]);
  });

  it('keeps single colons and braces that are not markup inside answers and text', () => {
    const parse = parseCloze('Ratio {{c1::16:9}} and a {single} brace');
    expect(parse.problems).toEqual([]);
    expect(parse.segments[1]).toEqual({ kind: 'deletion', n: 1, answer: '16:9' });
    expect(parse.segments[2]).toEqual({ kind: 'text', text: ' and a {single} brace' });
  });

  it('returns plain text as one segment with no numbers', () => {
    expect(parseCloze('No markup')).toEqual({ segments: [{ kind: 'text', text: 'No markup' }], numbers: [], problems: [] });
    expect(parseCloze('')).toEqual({ segments: [], numbers: [], problems: [] });
  });

  it.each([
    ['{{c1::never closed', 0, /never closed/],
    ['ab {{c0::zero}}', 3, /from c1, not c0/],
    ['{{c1::}}', 0, /empty answer in c1/],
    ['{{c2::  ::hint}}', 0, /empty answer in c2/],
    ['x }} y', 2, /"}}" without a matching/],
    ['{{c1::a::b::c}}', 0, /more than one "::hint"/],
    ['{{cloze}}', 0, /where a deletion like "\{\{c1::answer\}\}" was expected/],
    ['{{c1::out {{c2::in}} er}}', 0, /deletion inside another deletion/],
  ])('reports %j at offset %i', (source, offset, message) => {
    const { problems } = parseCloze(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.offset).toBe(offset);
    expect(problems[0]!.message).toMatch(message);
  });

  it('keeps parsing after a problem, so later deletions still count', () => {
    const parse = parseCloze('{{c0::bad}} then {{c2::good}}');
    expect(parse.problems).toHaveLength(1);
    expect(parse.numbers).toEqual([2]);
  });

  it('reports a stray "}}" after a nested deletion separately', () => {
    const parse = parseCloze('{{c1::a {{c2::b}} c}} d }}');
    expect(parse.problems.map((p) => p.offset)).toEqual([0, 24]);
  });
});

describe('clozeAnswer', () => {
  it('returns the answer of one deletion number', () => {
    expect(clozeAnswer('{{c1::Huawei}}, {{c2::SenseTime}} and {{c3::Baidu}}', 2)).toBe('SenseTime');
  });

  it('joins every part of a repeated number in reading order', () => {
    expect(clozeAnswer('chip {{c2::design}} and {{c2::manufacturing}}', 2)).toBe('design … manufacturing');
  });

  it('is empty for a number the text does not have', () => {
    expect(clozeAnswer('{{c1::A100}}', 4)).toBe('');
  });
});
