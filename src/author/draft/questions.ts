/**
 * "Why", "how" and "what" questions from the shape of a sentence, without rewriting its verbs (which
 * is where generated questions turn ungrammatical): causal sentences ("X because Y", "X, so Y",
 * "X, which makes Y", "X, giving Y", "X led to Y", "X by doing Y"), contrastive ones ("not X but Y", "X rather
 * than Y", "X, even though Y") and defining ones ("X is a Y", "X means Y", "X was considered Y").
 * The answer is always the reason or contrast clause itself.
 * Each question reuses the sentence's own clauses inside a fixed, grammatical frame. Pure.
 */

export interface Question {
  kind: 'why' | 'how' | 'what';
  front: string;
  back: string;
}

const PRONOUN_SUBJECT = /^(?:it|this|that|these|those|they|he|she|we|you|i|there|here|which|what|who)\b/i;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clean = (s: string) => s.replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '').replace(/\s+/g, ' ');
/** An answer ends at the first clause that starts something new. */
const firstClause = (s: string) => clean(s.split(/;|,\s+(?:and|but|while|whereas|even though|although|which|who)\s+|\s+—\s+/)[0] ?? s);
/** Drops a comma-delimited aside from a subject: "The tech race, particularly in AI," → "The tech race". */
const mainSubject = (s: string) => clean(s.replace(/,[^,]*,?\s*$/, '').replace(/,[^,]*,/g, ''));
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

const ok = (clause: string, min = 3) => words(clause) >= min && !/[?]/.test(clause);
/** Participles that open a consequence ("…, giving Beijing a leg up"), with their past and present forms. */
const CONSEQUENCE: Record<string, [string, string]> = {
  giving: ['gave', 'gives'], making: ['made', 'makes'], leaving: ['left', 'leaves'], letting: ['let', 'lets'], keeping: ['kept', 'keeps'],
  driving: ['drove', 'drives'], reinforcing: ['reinforced', 'reinforces'], allowing: ['allowed', 'allows'], forcing: ['forced', 'forces'],
  helping: ['helped', 'helps'], pushing: ['pushed', 'pushes'], fuelling: ['fuelled', 'fuels'], fueling: ['fueled', 'fuels'],
  reducing: ['reduced', 'reduces'], raising: ['raised', 'raises'], creating: ['created', 'creates'], causing: ['caused', 'causes'],
  accelerating: ['accelerated', 'accelerates'], boosting: ['boosted', 'boosts'], ensuring: ['ensured', 'ensures'], saving: ['saved', 'saves'],
};
const ATTRIBUTION = /^(.{3,60}?)\s+(says|said|argues|argued|claims|claimed|believes|believed|warns|warned)\s+(?:that\s+)?(.+)$/i;
/** A clause that opens with a preposition or a subordinator cannot stand as a subject. */
const NOT_A_SUBJECT = /^(?:in|on|at|by|for|from|with|when|if|as|while|after|before|although|though|since|until|once)\b|\b(?:that|who|which)\b|,/i;

/** A clause opening with a subordinator is not a statement on its own ("When each seedling…, keep"). */
const SUBORDINATE = /^(?:when|if|as|while|although|though|since|until|once|because|whether)\b/i;

/** An instruction starts with a bare verb: "Use a fresh compost…", "Sow them…". */
const IMPERATIVE = /^(?:use|sow|keep|put|cut|fill|water|press|hang|let|make|add|avoid|start|give|take|check|choose|remove|plant|place|wait|try|move|leave|buy|ask|write|read|turn|set|open|close|mix|store|wash|run|build|fund|stop|do|don't|never|always)\b/i;
const imperative = (clause: string) => IMPERATIVE.test(clause.trim());

/** The questions a sentence supports (possibly none). */
export function questionsFrom(sentence: string, startsWithName: (text: string) => boolean = () => false): Question[] {
  /** Lowercases the first letter when the clause moves inside a question, unless it begins with a name. */
  // "Mayor Ines Varga…" keeps its capital: a capitalised word before another is part of a name.
  const lowerFirst = (c: string) =>
    /^(?:The|A|An|This|These|Those|Its|Their|Our|Most|Some|Many|Each|Every)\s/.test(c) || (/^[A-Z](?![A-Z.])/.test(c) && !/^\S+\s+[A-Z]/.test(c) && !startsWithName(c))
      ? c.charAt(0).toLowerCase() + c.slice(1)
      : c;
  const s = clean(sentence.replace(/^(?:but|and|so|yet|moreover|in fact|indeed|however)\s*,?\s+/i, ''));
  const out: Question[] = [];

  /** "Why is it that the reef…?", or "Why should you…?" for an instruction ("Use fresh compost…"). */
  const whyFrame = (clause: string) => {
    if (imperative(clause)) return `Why should you ${lowerFirst(clause)}?`;
    // "The minister said the deposit works because…": the reason belongs to what was said.
    const said = ATTRIBUTION.exec(clause);
    if (said && ok(said[3]!)) return `According to ${lowerFirst(said[1]!)}, why is it that ${lowerFirst(said[3]!)}?`;
    return `Why is it that ${lowerFirst(clause)}?`;
  };
  const because = /^(.+?),?\s+because(?! of)\s+(.+)$/i.exec(s);
  if (because && ok(because[1]!) && ok(because[2]!)) {
    out.push({ kind: 'why', front: whyFrame(clean(because[1]!)), back: `Because ${firstClause(because[2]!)}.` });
  }
  const so = /^(.+?),\s+(?:so|which is why)\s+(?!far\b|that\b)(.+)$/i.exec(s);
  if (!because && so && ok(so[1]!, 4) && ok(so[2]!)) {
    out.push({ kind: 'why', front: whyFrame(firstClause(so[2]!)), back: `Because ${lowerFirst(clean(so[1]!))}.` });
  }
  // ", which gives them…" after a whole clause states a consequence of that clause.
  const which = /^(.+?),\s+which\s+((?:makes|made|means|meant|gives|gave|leads|led|lets|let|allows|allowed|helps|helped|explains|would|keeps|kept|saves|saved)\b.+)$/i.exec(s);
  if (!because && !so && which && ok(which[1]!, 4) && ok(which[2]!) && !PRONOUN_SUBJECT.test(which[1]!) && !SUBORDINATE.test(which[1]!) && !imperative(which[1]!)) {
    out.push({ kind: 'why', front: `Why does it matter that ${lowerFirst(clean(which[1]!))}?`, back: `Because it ${firstClause(which[2]!)}.` });
  }
  // ", giving Beijing a leg up…" after a whole clause is its consequence.
  const result = new RegExp(`^(.+?),\\s+((?:further|thereby|directly|only)\\s+)?(${Object.keys(CONSEQUENCE).join('|')})\\b(.+)$`, 'i').exec(s);
  if (!because && !so && !which && result && ok(result[1]!, 4) && ok(result[4]!, 2) && !PRONOUN_SUBJECT.test(result[1]!) && !SUBORDINATE.test(result[1]!) && !imperative(result[1]!)) {
    // The consequence takes the tense of the clause it follows: "allowed…, giving" → "it gave".
    const past = /\b(?:\w+ed|was|were|had|did|made|gave|took|sent|led|left|came|went|began|grew|fell|rose|built|paid|sold|met)\b/i.test(result[1]!);
    const [pastForm, presentForm] = CONSEQUENCE[result[3]!.toLowerCase()]!;
    out.push({
      kind: 'why',
      front: `Why does it matter that ${lowerFirst(clean(result[1]!))}?`,
      back: `Because it ${(result[2] ?? '').toLowerCase()}${past ? pastForm : presentForm}${firstClause(result[4]!).replace(/^(?=\S)/, ' ')}.`,
    });
  }
  const by = /^(.+?),?\s+by\s+(\w+ing\b.+)$/i.exec(s);
  if (by && ok(by[1]!) && ok(by[2]!, 2) && !imperative(by[1]!)) {
    out.push({ kind: 'how', front: `How is it that ${lowerFirst(clean(by[1]!))}?`, back: `By ${firstClause(by[2]!)}.` });
  }
  // Contrasts: the question keeps the claim and asks for its other side.
  const notBut = /^(.+?\bnot\s+(?:just\s+|only\s+)?.+?),?\s+but\s+(.+)$/i.exec(s);
  if (notBut && ok(notBut[1]!, 4) && ok(notBut[2]!, 2) && !PRONOUN_SUBJECT.test(notBut[1]!)) {
    out.push({ kind: 'what', front: `${capitalise(clean(notBut[1]!))}, but what?`, back: `${capitalise(firstClause(notBut[2]!))}.` });
  }
  const rather = /^(.+?)\s+(rather than|instead of)\s+(.+)$/i.exec(s);
  if (!because && rather && ok(rather[1]!, 4) && ok(rather[3]!, 2) && !PRONOUN_SUBJECT.test(rather[1]!)) {
    out.push({ kind: 'what', front: `${capitalise(clean(rather[1]!))} ${rather[2]!.toLowerCase()} what?`, back: `${capitalise(firstClause(rather[3]!))}.` });
  }
  const though = /^(.+?),\s+(even though|although|even if)\s+(.+)$/i.exec(s);
  if (though && ok(though[1]!, 4) && ok(though[3]!) && !PRONOUN_SUBJECT.test(though[1]!)) {
    out.push({ kind: 'what', front: `${capitalise(clean(though[1]!))}, ${though[2]!.toLowerCase()} what?`, back: `${capitalise(firstClause(though[3]!))}.` });
  }
  const led = /^(.+?)\s+(led|leads|has led|have led) to\s+(.+)$/i.exec(s);
  if (led && ok(led[1]!, 1) && ok(led[3]!, 2) && !PRONOUN_SUBJECT.test(led[1]!)) {
    const aux = /^leads$/i.test(led[2]!) ? 'does' : /^has/i.test(led[2]!) ? 'has' : /^have/i.test(led[2]!) ? 'have' : 'did';
    const verb = aux === 'has' || aux === 'have' ? 'led' : 'lead';
    out.push({ kind: 'what', front: `What ${aux} ${lowerFirst(clean(led[1]!))} ${verb} to?`, back: `${capitalise(firstClause(led[3]!))}.` });
  }

  const defining = /^(.+?)\s+(means|refers to|is defined as|is called)\s+(.+)$/i.exec(s);
  if (defining && !PRONOUN_SUBJECT.test(defining[1]!) && !NOT_A_SUBJECT.test(mainSubject(defining[1]!)) && words(mainSubject(defining[1]!)) <= 8) {
    const subject = lowerFirst(mainSubject(defining[1]!));
    const verb = defining[2]!.toLowerCase();
    const front =
      verb === 'means' ? `What does ${subject} mean?` : verb === 'refers to' ? `What does ${subject} refer to?` : `What is ${subject}?`;
    out.push({ kind: 'what', front, back: `${capitalise(firstClause(defining[3]!))}.` });
  } else {
    const isA = /^(.+?)\s+(is|are|was|were)\s+(?:(always|often|usually|widely|generally)\s+)?(?:(considered|seen as|regarded as|viewed as|described as)\s+)?((?:a|an|the)\s+.+)$/i.exec(s);
    if (isA && !PRONOUN_SUBJECT.test(isA[1]!) && !NOT_A_SUBJECT.test(mainSubject(isA[1]!)) && words(mainSubject(isA[1]!)) <= 10 && ok(isA[5]!, 2)) {
      const subject = lowerFirst(mainSubject(isA[1]!));
      const be = isA[2]!.toLowerCase();
      const seen = isA[4]?.toLowerCase();
      const front = seen ? `How ${be} ${subject} ${seen.replace(/ as$/, '')}?` : `What ${be} ${subject}?`;
      if (!/\b(?:it|this|they)\b$/i.test(subject)) out.push({ kind: seen ? 'how' : 'what', front, back: `${capitalise(firstClause(isA[5]!))}.` });
    }
  }
  return out;
}
