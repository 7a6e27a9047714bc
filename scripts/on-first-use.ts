/**
 * The chunks (by name) of the authoring tools: the deck list, editor, drafter with its language
 * library, deck import and sharing. The service worker leaves them out of the first install and
 * caches each when first used; studying and quizzing never load them.
 */
export const ON_FIRST_USE = ['AuthorList', 'Editor', 'Field', 'CardPreview', 'DraftScreen', 'three', 'ImportScreen', 'DeckConfirm', 'author', 'SharePage'];
