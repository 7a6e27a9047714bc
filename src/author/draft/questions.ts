/**
 * "Why" and "what" questions from the shape of a sentence, without rewriting its verbs (which
 * is where generated questions turn ungrammatical): causal sentences ("X because Y", "X, so Y",
 * "X led to Y") and defining ones ("X is a Y", "X means Y", "X refers to Y", "X was considered Y").
 * Each question reuses the sentence's own clauses inside a fixed, grammatical frame. Pure.
 */

export interface Question {
  kind: 'why' | 'what';
  front: string;
  back: string;
}

const PRONOUN_SUBJECT = /^(?:it|this|that|these|those|they|he|she|we|you|i|there|here|which|what|who)\b/i;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clean = (s: string) => s.replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '').replace(/\s+/g, ' ');
/** An answer ends at the first clause that starts something new. */
const firstClause = (s: string) => clean(s.split(/;|,\s+(?:and|but|while|whereas)\s+|\s+—\s+/)[0] ?? s);
/** Drops a comma-delimited aside from a subject: "The tech race, particularly in AI," → "The tech race". */
const mainSubject = (s: string) => clean(s.replace(/,[^,]*,?\s*$/, '').replace(/,[^,]*,/g, ''));
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

const ok = (clause: string, min = 3) => words(clause) >= min && !/[?]/.test(clause);

/** The questions a sentence supports (possibly none). */
export function questionsFrom(sentence: string, startsWithName: (text: string) => boolean = () => false): Question[] {
  /** Lowercases the first letter when the clause moves inside a question, unless it begins with a name. */
  const lowerFirst = (c: string) => (/^[A-Z](?![A-Z.])/.test(c) && !startsWithName(c) ? c.charAt(0).toLowerCase() + c.slice(1) : c);
  const s = clean(sentence.replace(/^(?:but|and|so|yet|moreover|in fact|indeed|however)\s*,?\s+/i, ''));
  const out: Question[] = [];

  const because = /^(.+?),?\s+because(?! of)\s+(.+)$/i.exec(s);
  if (because && ok(because[1]!) && ok(because[2]!)) {
    out.push({ kind: 'why', front: `Why is it that ${lowerFirst(clean(because[1]!))}?`, back: `Because ${firstClause(because[2]!)}.` });
  }
  const so = /^(.+?),\s+so\s+(?!much|many|far|that\b)(.+)$/i.exec(s);
  if (!because && so && ok(so[1]!, 4) && ok(so[2]!)) {
    out.push({ kind: 'why', front: `Why is it that ${lowerFirst(firstClause(so[2]!))}?`, back: `Because ${lowerFirst(clean(so[1]!))}.` });
  }
  const led = /^(.+?)\s+(led|leads|has led|have led) to\s+(.+)$/i.exec(s);
  if (led && ok(led[1]!, 1) && ok(led[3]!, 2) && !PRONOUN_SUBJECT.test(led[1]!)) {
    const aux = /^leads$/i.test(led[2]!) ? 'does' : /^has/i.test(led[2]!) ? 'has' : /^have/i.test(led[2]!) ? 'have' : 'did';
    const verb = aux === 'has' || aux === 'have' ? 'led' : 'lead';
    out.push({ kind: 'what', front: `What ${aux} ${lowerFirst(clean(led[1]!))} ${verb} to?`, back: `${capitalise(firstClause(led[3]!))}.` });
  }

  const defining = /^(.+?)\s+(means|refers to|is defined as|is called)\s+(.+)$/i.exec(s);
  if (defining && !PRONOUN_SUBJECT.test(defining[1]!) && words(mainSubject(defining[1]!)) <= 8) {
    const subject = lowerFirst(mainSubject(defining[1]!));
    const verb = defining[2]!.toLowerCase();
    const front =
      verb === 'means' ? `What does ${subject} mean?` : verb === 'refers to' ? `What does ${subject} refer to?` : `What is ${subject}?`;
    out.push({ kind: 'what', front, back: `${capitalise(firstClause(defining[3]!))}.` });
  } else {
    const isA = /^(.+?)\s+(is|are|was|were)\s+(?:(always|often|usually|widely|generally)\s+)?(?:(considered|seen as|regarded as|viewed as|described as)\s+)?((?:a|an|the)\s+.+)$/i.exec(s);
    if (isA && !PRONOUN_SUBJECT.test(isA[1]!) && words(mainSubject(isA[1]!)) <= 10 && ok(isA[5]!, 2)) {
      const subject = lowerFirst(mainSubject(isA[1]!));
      const be = isA[2]!.toLowerCase();
      const seen = isA[4]?.toLowerCase();
      const front = seen ? `How ${be} ${subject} ${seen.replace(/ as$/, '')}?` : `What ${be} ${subject}?`;
      if (!/\b(?:it|this|they)\b$/i.test(subject)) out.push({ kind: 'what', front, back: `${capitalise(firstClause(isA[5]!))}.` });
    }
  }
  return out;
}
