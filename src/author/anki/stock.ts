/**
 * Anki's stock note types, as Anki itself defines their fields and templates, for the packages
 * Briefdeck writes (export, test fixtures). Ids are fixed so a re-export updates, not duplicates.
 */
import type { AnkiNoteType } from './types';

const ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n';

export const BASIC: AnkiNoteType = { id: 1_700_000_000_001, name: 'Basic', kind: 0, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` }] };

export const BASIC_REVERSED: AnkiNoteType = {
  id: 1_700_000_000_002,
  name: 'Basic (and reversed card)',
  kind: 0,
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` },
    { name: 'Card 2', qfmt: '{{Back}}', afmt: `${ANSWER}{{Front}}` },
  ],
};

export const BASIC_OPTIONAL_REVERSED: AnkiNoteType = {
  id: 1_700_000_000_003,
  name: 'Basic (optional reversed card)',
  kind: 0,
  fields: ['Front', 'Back', 'Add Reverse'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: `${ANSWER}{{Back}}` },
    { name: 'Card 2', qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: `${ANSWER}{{Front}}` },
  ],
};

export const BASIC_TYPED: AnkiNoteType = {
  id: 1_700_000_000_004,
  name: 'Basic (type in the answer)',
  kind: 0,
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', qfmt: '{{Front}}\n\n{{type:Back}}', afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }],
};

export const CLOZE: AnkiNoteType = {
  id: 1_700_000_000_005,
  name: 'Cloze',
  kind: 1,
  fields: ['Text', 'Back Extra'],
  templates: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
  css: '.card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n.cloze {\n  font-weight: bold;\n  color: blue;\n}\n',
};
