/** A trie node; `cue` is the id of the cue that ends here, or -1. */
class TrieNode {
  readonly next = new Map<number, TrieNode>();
  cue = -1;
}

const NO_HITS: readonly number[] = [];
/** Texts whose scan is kept: the message, its slot prefix, and a clause or two looked up in turn. */
const RECENT_SCANS = 4;
const WORD_START = /^[a-z0-9]/i;
const WORD_END = /[a-z0-9]$/i;

/** A-z and 0-9, the characters a Latin cue must not run into ("sb" is not in "asbestos"). */
function isWordUnit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

interface Scan {
  text: string;
  /** Per list id, the hits as [start, cue, start, cue, …]: starts ascending, longest cue first at each. */
  byList: Array<number[] | undefined>;
}

/**
 * Every cue list of one lexicon in one trie: a text is walked once, from each position as far as
 * the trie goes, and every list's hits fall out of that one pass (instead of one alternation regex
 * per list). Cues are matched lower-cased, as substrings; a cue that starts or ends with a Latin
 * letter or digit must not run into another one there (the word boundary of the English lists,
 * and of "APP" or "12315" in the Chinese ones). The last few texts' scans are kept, since every
 * rule of a turn asks about the same text.
 */
export class CueIndex {
  private readonly root = new TrieNode();
  private readonly cues: string[] = [];
  private readonly boundedHead: boolean[] = [];
  private readonly boundedTail: boolean[] = [];
  /** The lists each cue belongs to. */
  private readonly listsOf: number[][] = [];
  private readonly ids = new Map<string, number>();
  private listCount = 0;
  private recent: Scan[] = [];
  /** Cues ending at successive lengths from one start (reused between positions). */
  private readonly ending: number[] = [];

  /** Registers a cue list and returns its id; duplicates (after lower-casing) and empty cues are dropped. */
  addList(cues: Iterable<string>): number {
    const list = this.listCount++;
    const seen = new Set<string>();
    for (const raw of cues) {
      const cue = raw.toLowerCase();
      if (cue === '' || seen.has(cue)) continue;
      seen.add(cue);
      this.listsOf[this.cueId(cue)]?.push(list);
    }
    this.recent = [];
    return list;
  }

  /** The cue string of an id found in `hits`. */
  cue(id: number): string {
    return this.cues[id] ?? '';
  }

  /** A list's hits in `lower` as [start, cue id, …]: every start where one of its cues fits, longest first. */
  hits(lower: string, list: number): readonly number[] {
    return this.scan(lower).byList[list] ?? NO_HITS;
  }

  private cueId(cue: string): number {
    const known = this.ids.get(cue);
    if (known !== undefined) return known;
    const id = this.cues.length;
    this.ids.set(cue, id);
    this.cues.push(cue);
    this.boundedHead.push(WORD_START.test(cue));
    this.boundedTail.push(WORD_END.test(cue));
    this.listsOf.push([]);
    let node = this.root;
    for (let i = 0; i < cue.length; i++) {
      const code = cue.charCodeAt(i);
      let child = node.next.get(code);
      if (child === undefined) {
        child = new TrieNode();
        node.next.set(code, child);
      }
      node = child;
    }
    node.cue = id;
    return id;
  }

  private scan(text: string): Scan {
    for (const s of this.recent) if (s.text === text) return s;
    const byList = new Array<number[] | undefined>(this.listCount);
    const ending = this.ending;
    const length = text.length;
    for (let start = 0; start < length; start++) {
      let node = this.root.next.get(text.charCodeAt(start));
      if (node === undefined) continue;
      ending.length = 0;
      let end = start + 1;
      for (;;) {
        if (node.cue >= 0) ending.push(node.cue);
        if (end >= length) break;
        const child: TrieNode | undefined = node.next.get(text.charCodeAt(end));
        if (child === undefined) break;
        node = child;
        end += 1;
      }
      const before = start > 0 && isWordUnit(text.charCodeAt(start - 1));
      for (let k = ending.length - 1; k >= 0; k--) {
        const cue = ending[k] ?? 0;
        if (before && this.boundedHead[cue] === true) continue;
        const after = start + (this.cues[cue]?.length ?? 0);
        if (after < length && this.boundedTail[cue] === true && isWordUnit(text.charCodeAt(after)))
          continue;
        for (const list of this.listsOf[cue] ?? NO_HITS) {
          const hits = byList[list];
          if (hits === undefined) byList[list] = [start, cue];
          else hits.push(start, cue);
        }
      }
    }
    const scan = { text, byList };
    if (this.recent.unshift(scan) > RECENT_SCANS) this.recent.pop();
    return scan;
  }
}
