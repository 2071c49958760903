/** A trie node; `cue` is the id of the cue that ends here, or -1. */
class TrieNode {
  readonly next = new Map<number, TrieNode>();
  cue = -1;
}

const NO_LISTS: readonly number[] = [];
/** Texts whose scan is kept: the message, its slot prefix, and the clauses looked up in turn. */
const RECENT_SCANS = 8;
const WORD_START = /^[a-z0-9]/i;
const WORD_END = /[a-z0-9]$/i;

/** A-z and 0-9, the characters a Latin cue must not run into ("sb" is not in "asbestos"). */
function isWordUnit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * One text's hits, grouped by list: list `l`'s are `entries[2 * offsets[l]…2 * offsets[l + 1]]`,
 * as start, cue id pairs, starts ascending and the longest cue first at each. The buffers are kept
 * and refilled for the next text, so a scan allocates nothing once they have grown.
 */
class Scan {
  text: string | undefined = undefined;
  offsets = new Int32Array(1);
  entries = new Int32Array(64);
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
  /** Most recently used first. */
  private readonly recent: Scan[] = Array.from({ length: RECENT_SCANS }, () => new Scan());
  /** Scratch space of a scan: the matches as start, cue pairs, and a count per list. */
  private found = new Int32Array(64);
  private perList = new Int32Array(1);

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
    for (const s of this.recent) s.text = undefined;
    return list;
  }

  /** Whether some cue of the list is in `lower`. */
  has(lower: string, list: number): boolean {
    const { offsets } = this.scan(lower);
    return (offsets[list + 1] ?? 0) > (offsets[list] ?? 0);
  }

  /** How many cues `select` would return, without returning them. */
  count(lower: string, list: number): number {
    return this.walk(lower, list, undefined);
  }

  /** The list's cues in `lower`: leftmost first, then the longest there; the next starts after it ends. */
  select(lower: string, list: number): Array<{ cue: string; index: number }> {
    const hits: Array<{ cue: string; index: number }> = [];
    this.walk(lower, list, hits);
    return hits;
  }

  /** The selection of `select`, into `into` when given; returns how many. */
  private walk(
    lower: string,
    list: number,
    into: Array<{ cue: string; index: number }> | undefined,
  ): number {
    const { offsets, entries } = this.scan(lower);
    const end = 2 * (offsets[list + 1] ?? 0);
    let n = 0;
    let free = 0;
    for (let i = 2 * (offsets[list] ?? 0); i < end; i += 2) {
      const index = entries[i] ?? 0;
      if (index < free) continue;
      const cue = this.cues[entries[i + 1] ?? 0] ?? '';
      into?.push({ cue, index });
      n += 1;
      free = index + cue.length;
    }
    return n;
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
    const recent = this.recent;
    for (let r = 0; r < recent.length; r++) {
      const s = recent[r];
      if (s?.text !== text) continue;
      // Move it to the front, so that the least recently used is the one refilled.
      for (let k = r; k > 0; k--) recent[k] = recent[k - 1] ?? s;
      recent[0] = s;
      return s;
    }
    const scan = recent.pop() ?? new Scan();
    recent.unshift(scan);
    const matches = this.match(text);
    this.group(scan, matches);
    scan.text = text;
    return scan;
  }

  /** Every cue that fits in `text`, its boundaries kept, into `found`; returns how many. */
  private match(text: string): number {
    const length = text.length;
    let count = 0;
    for (let start = 0; start < length; start++) {
      let node = this.root.next.get(text.charCodeAt(start));
      if (node === undefined) continue;
      const before = start > 0 && isWordUnit(text.charCodeAt(start - 1));
      const first = count;
      let end = start + 1;
      for (;;) {
        const cue = node.cue;
        if (
          cue >= 0 &&
          !(before && this.boundedHead[cue] === true) &&
          !(end < length && this.boundedTail[cue] === true && isWordUnit(text.charCodeAt(end)))
        ) {
          if (2 * count + 2 > this.found.length) this.found = grow(this.found, 2 * count + 2);
          this.found[2 * count] = start;
          this.found[2 * count + 1] = cue;
          count += 1;
        }
        if (end >= length) break;
        const child: TrieNode | undefined = node.next.get(text.charCodeAt(end));
        if (child === undefined) break;
        node = child;
        end += 1;
      }
      // Found shortest first: reverse this start's run so that the longest comes first.
      for (let a = first, b = count - 1; a < b; a++, b--) {
        // The starts are the same: only the cues change places.
        const x = this.found[2 * a + 1] ?? 0;
        this.found[2 * a + 1] = this.found[2 * b + 1] ?? 0;
        this.found[2 * b + 1] = x;
      }
    }
    return count;
  }

  /** Sorts the matches into the scan's per-list ranges (a counting sort: order within a list kept). */
  private group(scan: Scan, matches: number): void {
    const lists = this.listCount;
    if (this.perList.length < lists + 1) this.perList = new Int32Array(lists + 1);
    const perList = this.perList;
    perList.fill(0);
    for (let m = 0; m < matches; m++) {
      for (const list of this.listsOf[this.found[2 * m + 1] ?? 0] ?? NO_LISTS)
        perList[list + 1] = (perList[list + 1] ?? 0) + 1;
    }
    if (scan.offsets.length < lists + 1) scan.offsets = new Int32Array(lists + 1);
    const offsets = scan.offsets;
    offsets[0] = 0;
    for (let l = 0; l < lists; l++) offsets[l + 1] = (offsets[l] ?? 0) + (perList[l + 1] ?? 0);
    const total = offsets[lists] ?? 0;
    if (scan.entries.length < 2 * total) scan.entries = grow(scan.entries, 2 * total);
    const entries = scan.entries;
    // perList now serves as each list's write cursor.
    perList.set(offsets.subarray(0, lists));
    for (let m = 0; m < matches; m++) {
      const start = this.found[2 * m] ?? 0;
      const cue = this.found[2 * m + 1] ?? 0;
      for (const list of this.listsOf[cue] ?? NO_LISTS) {
        const at = 2 * (perList[list] ?? 0);
        entries[at] = start;
        entries[at + 1] = cue;
        perList[list] = (perList[list] ?? 0) + 1;
      }
    }
  }
}

function grow(buffer: Int32Array, needed: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, 2 * buffer.length));
  bigger.set(buffer);
  return bigger;
}
