import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../../src/author/import/anki/html';
import { renderTemplate } from '../../../../src/author/import/anki/template';
import { hasNestedCloze, isolateCloze } from '../../../../src/author/import/anki/nested-cloze';

const md = (html: string) => htmlToMarkdown(html).text;

describe('htmlToMarkdown', () => {
  it('keeps bold, italics, line breaks and lists', () => {
    expect(md('<b>bold</b> and <i>it</i><br>next<div>block</div>')).toBe('**bold** and *it*\nnext\nblock');
    expect(md('<ol><li>one</li><li>two</li></ol>')).toBe('1. one\n2. two');
  });

  it('drops scripts, styles, event handlers and unknown tags with their attributes', () => {
    const out = htmlToMarkdown('<script>alert(1)</script><style>b{}</style><span onclick="x()" style="color:red">hi</span><iframe src="https://x">no</iframe>');
    expect(out.text).toBe('hi');
    expect(out.dropped).toEqual(expect.arrayContaining(['script', 'style', 'iframe']));
  });

  it('escapes text that would otherwise become Markdown or markup', () => {
    expect(md('2 * 3 * 4 &lt;b&gt;not bold&lt;/b&gt; [x](javascript:alert(1))')).toBe('2 \\* 3 \\* 4 \\<b>not bold\\</b> \\[x\\](javascript:alert(1))');
    expect(md('salt &amp; pepper, &amp;amp; stays text')).toBe('salt & pepper, \\&amp; stays text');
    expect(md('<div># not a heading</div>')).toBe('\\# not a heading');
  });

  it('keeps http links, turns others into their text', () => {
    expect(md('<a href="https://example.org/a">site</a> <a href="javascript:alert(1)">bad</a>')).toBe('[site](https://example.org/a) bad');
  });

  it('lists local media, refuses remote and inline images', () => {
    const out = htmlToMarkdown('<img src="my%20cat.png"> [sound:hola.mp3] <img src="https://tracker.example/p.gif"><img src="data:image/png;base64,AAAA">');
    expect(out.media).toEqual(['my cat.png', 'hola.mp3']);
    expect(out.text).toBe('![](my%20cat.png) [sound:hola.mp3]');
    expect(out.dropped).toContain('remote image');
  });

  it('gives plain text for typed answers', () => {
    expect(htmlToMarkdown('<b>4</b>&nbsp;*', true).text).toBe('4 *');
  });
});

describe('renderTemplate', () => {
  const fields = { Word: 'pan', Meaning: 'bread', Example: '', Picture: '<img src="p.png">' };
  it('substitutes fields and sections the way Anki decides emptiness', () => {
    expect(renderTemplate('{{Word}}{{#Picture}} [{{Picture}}]{{/Picture}}{{^Example}} (none){{/Example}}{{#Example}}x{{/Example}}', { fields }).html).toBe(
      'pan [<img src="p.png">] (none)',
    );
  });
  it('reports unknown fields, typing and unknown filters', () => {
    const r = renderTemplate('{{Nope}} {{type:Word}} {{tts en_US:Word}}', { fields });
    expect(r.problems).toEqual(['uses a field “Nope” the note type does not have', 'asks to type “Word”, which is shown as text instead', 'uses the filter “tts en_US”, shown unfiltered']);
  });
  it('a template naming an object property ({{constructor}}, {{text:toString}}) is an unknown field, not code', () => {
    const r = renderTemplate('{{Word}}{{constructor}}{{text:toString}}{{#valueOf}}x{{/valueOf}}{{__proto__}}', { fields, special: { Tags: 't' } });
    expect(r.html).toBe('pan');
    expect(r.problems).toEqual([
      'uses a field “constructor” the note type does not have',
      'uses a field “toString” the note type does not have',
      'uses a field “__proto__” the note type does not have',
    ]);
  });
  it('puts the question in place of {{FrontSide}}', () => {
    expect(renderTemplate('{{FrontSide}}<hr id=answer>{{Meaning}}', { fields, frontSide: 'Q' }).html).toBe('Q<hr id=answer>bread');
  });
});

describe('nested clozes', () => {
  const text = '{{c1::The {{c2::cell::hint}} wall}} is {{c3::rigid}}';
  it('detects nesting', () => {
    expect(hasNestedCloze(text)).toBe(true);
    expect(hasNestedCloze('{{c1::a}} {{c2::b}}')).toBe(false);
  });
  it('keeps one deletion per card, showing the others as their answers', () => {
    expect(isolateCloze(text, 1)).toBe('{{c1::The cell wall}} is rigid');
    expect(isolateCloze(text, 2)).toBe('The {{c2::cell::hint}} wall is rigid');
    expect(isolateCloze(text, 3)).toBe('The cell wall is {{c3::rigid}}');
  });
});
