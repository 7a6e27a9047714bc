/**
 * Anki allows clozes inside clozes (`{{c1::The {{c2::cell}} wall}}`); Briefdeck's cloze cards do
 * not. Such a note becomes one card per deletion number, each keeping only that deletion, with
 * the deletions around and inside it shown as their answers, which is what Anki shows on that card.
 * Pure.
 */

type Node = string | { n: number; children: Node[]; hint?: string };

const HEAD = /^\{\{c(\d+)::/;

function parseSeq(s: string, start: number, inDeletion: boolean): { nodes: Node[]; hint?: string; end: number; closed: boolean } {
  const nodes: Node[] = [];
  let text = '';
  let hint: string | undefined;
  let i = start;
  const flush = () => {
    if (text) nodes.push(text);
    text = '';
  };
  while (i < s.length) {
    const head = s.startsWith('{{c', i) ? HEAD.exec(s.slice(i, i + 12)) : null;
    if (head && hint === undefined) {
      const child = parseSeq(s, i + head[0].length, true);
      if (!child.closed) {
        text += s.slice(i);
        i = s.length;
        break;
      }
      flush();
      nodes.push(child.hint === undefined ? { n: Number(head[1]), children: child.nodes } : { n: Number(head[1]), children: child.nodes, hint: child.hint });
      i = child.end;
    } else if (inDeletion && s.startsWith('}}', i)) {
      flush();
      return hint === undefined ? { nodes, end: i + 2, closed: true } : { nodes, hint, end: i + 2, closed: true };
    } else if (inDeletion && hint === undefined && s.startsWith('::', i)) {
      flush();
      hint = '';
      i += 2;
    } else {
      if (hint !== undefined) hint += s[i];
      else text += s[i];
      i++;
    }
  }
  flush();
  return { nodes, end: i, closed: false };
}

function render(nodes: Node[], keep: number): string {
  return nodes
    .map((node) => {
      if (typeof node === 'string') return node;
      if (node.n !== keep) return render(node.children, keep);
      const answer = render(node.children, -1);
      return `{{c${node.n}::${answer}${node.hint ? `::${node.hint}` : ''}}}`;
    })
    .join('');
}

/** True when some deletion holds another. */
export function hasNestedCloze(text: string): boolean {
  const nested = (nodes: Node[], depth: number): boolean =>
    nodes.some((n) => typeof n !== 'string' && (depth > 0 || nested(n.children, depth + 1)));
  return nested(parseSeq(text, 0, false).nodes, 0);
}

/** The text of the card for deletion `n`: only that deletion stays a deletion. */
export function isolateCloze(text: string, n: number): string {
  return render(parseSeq(text, 0, false).nodes, n);
}
