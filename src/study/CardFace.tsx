/**
 * The card being studied, per type: basic and reversed, cloze with the active deletion hidden,
 * mcq and true/false answerable by tapping before the reveal, typed answers with the difference
 * shown, occlusion masks over a picture (their own chunk). Part of the main bundle. The answer area is always laid out below the question, so the
 * reveal adds content without moving what is already on screen.
 */
import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { answerMatch, loadAnswerMatch } from './answer-check';
import { parseCloze } from '../deck/cloze';
import type { Card, ClozeCard, McqCard, TrueFalseCard, TypedCard } from '../deck/schema';
import { LazyOcclusion } from '../ui/LazyOcclusion';
import { RichText } from '../ui/RichText';
import { answerText, clozeNumber, judge, mcqAnswers, type Response } from './card-face';

export interface CardFaceProps {
  card: Card;
  sub: string;
  revealed: boolean;
  response: Response;
  onResponse: (r: Response, revealNow: boolean) => void;
  /** Where focus goes when a new card is shown, if the card has its own first control. */
  inputRef?: Ref<HTMLInputElement>;
  keyPoint?: string | undefined;
}

function Cloze({ card, sub, revealed }: { card: ClozeCard; sub: string; revealed: boolean }) {
  const active = clozeNumber(sub);
  return (
    <p class="cloze">
      {parseCloze(card.text).segments.map((s, i) => {
        if (s.kind === 'text') return <RichText key={i} text={s.text} inline />;
        if (s.n !== active) return <RichText key={i} text={s.answer} inline />;
        return revealed ? (
          <mark key={i} class="cloze-answer">
            <RichText text={s.answer} inline />
          </mark>
        ) : (
          <span key={i} class="cloze-blank">
            [{s.hint ? s.hint : '…'}]<span class="visually-hidden"> (blank)</span>
          </span>
        );
      })}
    </p>
  );
}

function Choices(props: {
  labels: string[];
  right: number[];
  multiple: boolean;
  picked: number[];
  revealed: boolean;
  onPick: (i: number) => void;
}) {
  const { labels, right, multiple, picked, revealed, onPick } = props;
  return (
    <ul class="choices" aria-label={multiple ? 'Choices (pick every right one)' : 'Choices'}>
      {labels.map((label, i) => {
        const isRight = right.includes(i);
        const isPicked = picked.includes(i);
        const state = revealed ? (isRight ? 'right' : isPicked ? 'wrong' : 'other') : isPicked ? 'picked' : 'idle';
        return (
          <li key={i}>
            <button
              type="button"
              class={`choice choice-${state}`}
              aria-pressed={multiple || revealed ? isPicked : undefined}
              aria-disabled={revealed ? 'true' : undefined}
              onClick={() => !revealed && onPick(i)}
            >
              <RichText text={label} inline />
              {revealed && isRight && <span class="choice-mark"> ✓ right answer</span>}
              {revealed && !isRight && isPicked && <span class="choice-mark"> ✗ your answer</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function Mcq({ card, revealed, response, onResponse }: { card: McqCard } & Pick<CardFaceProps, 'revealed' | 'response' | 'onResponse'>) {
  const right = mcqAnswers(card);
  const multiple = right.length > 1;
  const picked = response?.kind === 'choices' ? response.picked : [];
  const pick = (i: number) => {
    if (!multiple) return onResponse({ kind: 'choices', picked: [i] }, true);
    const next = picked.includes(i) ? picked.filter((p) => p !== i) : [...picked, i];
    onResponse({ kind: 'choices', picked: next }, false);
  };
  return (
    <>
      <RichText text={card.question} class="prompt" />
      <Choices labels={card.choices} right={right} multiple={multiple} picked={picked} revealed={revealed} onPick={pick} />
    </>
  );
}

function TrueFalse({ card, revealed, response, onResponse }: { card: TrueFalseCard } & Pick<CardFaceProps, 'revealed' | 'response' | 'onResponse'>) {
  const picked = response?.kind === 'truefalse' ? [response.picked ? 0 : 1] : [];
  return (
    <>
      <RichText text={card.statement} class="prompt" />
      <Choices
        labels={['True', 'False']}
        right={[card.answer ? 0 : 1]}
        multiple={false}
        picked={picked}
        revealed={revealed}
        onPick={(i) => onResponse({ kind: 'truefalse', picked: i === 0 }, true)}
      />
    </>
  );
}

function Typed({ card, revealed, response, onResponse, inputRef }: { card: TypedCard } & Pick<CardFaceProps, 'revealed' | 'response' | 'onResponse' | 'inputRef'>) {
  const text = response?.kind === 'typed' ? response.text : '';
  const [, setReady] = useState(answerMatch() !== null);
  useEffect(() => {
    if (!answerMatch()) void loadAnswerMatch().then(() => setReady(true), () => undefined);
  }, []);
  const matcher = answerMatch();
  const j = judge(card, response);
  return (
    <>
      <RichText text={card.question} class="prompt" />
      <form
        class="typed"
        onSubmit={(e) => {
          e.preventDefault();
          onResponse({ kind: 'typed', text }, true);
        }}
      >
        <label for="typed-answer">Your answer</label>
        <input
          id="typed-answer"
          ref={inputRef}
          type="text"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          enterKeyHint="done"
          value={text}
          readOnly={revealed}
          onInput={(e) => onResponse({ kind: 'typed', text: e.currentTarget.value }, false)}
        />
      </form>
      {revealed && j.verdict && matcher && (
        <div class="typed-result">
          <p class={`verdict verdict-${j.verdict}`}>
            {j.verdict === 'exact' ? '✓ Right' : j.verdict === 'close' ? '≈ Almost: a small typo' : '✗ Not quite'}
          </p>
          {j.verdict !== 'exact' && (
            <p class="diff" aria-label={`Your answer compared with ${card.answer}`}>
              {matcher.diffAnswer(text, card.answer).map((p, i) =>
                p.kind === 'same' ? (
                  <span key={i}>{p.text}</span>
                ) : p.kind === 'missing' ? (
                  <ins key={i} title="missing">
                    {p.text}
                  </ins>
                ) : (
                  <del key={i} title="not expected">
                    {p.text}
                  </del>
                ),
              )}
            </p>
          )}
        </div>
      )}
    </>
  );
}

/** Question, the learner's response controls, and — once revealed — the answer, explanation and key point. */
export function CardFace(props: CardFaceProps) {
  const { card, sub, revealed, keyPoint } = props;
  let front;
  let back: string | null = null;
  switch (card.type) {
    case 'basic':
      front = <RichText text={sub === 'reverse' ? card.back : card.front} class="prompt" />;
      back = sub === 'reverse' ? card.front : card.back;
      break;
    case 'cloze':
      front = <Cloze card={card} sub={sub} revealed={revealed} />;
      break;
    case 'mcq':
      front = <Mcq {...props} card={card} />;
      break;
    case 'truefalse':
      front = <TrueFalse {...props} card={card} />;
      break;
    case 'typed':
      front = <Typed {...props} card={card} />;
      back = card.answer;
      break;
    case 'occlusion':
      // The question and the picture with its masks come with the occlusion chunk.
      front = <LazyOcclusion card={card} sub={sub} revealed={revealed} />;
      back = answerText(card, sub);
  }
  return (
    <div class="card-face" data-type={card.type}>
      <div class="card-front">{front}</div>
      {revealed && (
        <div class="card-back">
          {back !== null && (
            <>
              <hr />
              <RichText text={back} class="answer" />
            </>
          )}
          {card.explanation && <RichText text={card.explanation} class="explanation" />}
          {keyPoint && (
            <p class="key-point">
              <span class="key-point-label">Key point: </span>
              <RichText text={keyPoint} inline />
            </p>
          )}
        </div>
      )}
    </div>
  );
}
