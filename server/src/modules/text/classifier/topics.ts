import { readWordList } from '../segment.js';
import { hashRange } from './hash.js';

// Topic words (dict/topic-terms.txt): hand-written lists of words that belong to one area of
// city governance (交通, 劳动, 教育 …). The classifier gets one feature per topic, how many of
// its words a message holds, and learns from the training data what each topic means for its
// labels, so a word that never occurs in training still counts through its topic.

interface TrieNode {
  next: Map<number, TrieNode>;
  /** Hashes of the topics whose word ends here. */
  topics: number[] | null;
}

const SEED_TOPIC = 0x165667b1;
let root: TrieNode | null = null;
/** 1 for each UTF-16 code unit that starts some topic word: most positions stop at this test. */
const starts = new Uint8Array(0x10000);

const topicHash = (topic: string) => hashRange(topic, 0, topic.length, SEED_TOPIC);

/** Topic name → its words, from the word list file. */
export function topicWords(): Map<string, string[]> {
  const topics = new Map<string, string[]>();
  for (const line of readWordList('topic-terms.txt')) {
    const [topic, words = ''] = line.split('\t');
    topics.set(topic!.trim(), words.split(/\s+/).filter(Boolean));
  }
  return topics;
}

/** A trie over UTF-16 code units: one failed Map lookup per position for most of a text. */
function trie(): TrieNode {
  if (!root) {
    const top: TrieNode = { next: new Map(), topics: null };
    for (const [topic, words] of topicWords()) {
      const hash = topicHash(topic);
      for (const word of words) {
        let node = top;
        starts[word.charCodeAt(0)] = 1;
        for (let i = 0; i < word.length; i++) {
          const code = word.charCodeAt(i);
          let child = node.next.get(code);
          if (!child) node.next.set(code, (child = { next: new Map(), topics: null }));
          node = child;
        }
        node.topics = [...(node.topics ?? []), hash];
      }
    }
    root = top;
  }
  return root;
}

/**
 * Calls `hit` with a topic's hash for every topic word in the text, scanning left to right and
 * taking the longest word at each position (公交车 once, not 公交 as well).
 */
export function countTopics(text: string, hit: (topicHash: number) => void) {
  const top = trie();
  for (let i = 0; i < text.length; ) {
    const first = text.charCodeAt(i);
    if (starts[first] === 0) {
      i++;
      continue;
    }
    let node = top.next.get(first);
    let found: number[] | null = null;
    let end = i + 1;
    for (let j = i + 1; node; j++) {
      if (node.topics) {
        found = node.topics;
        end = j;
      }
      if (j >= text.length) break;
      node = node.next.get(text.charCodeAt(j));
    }
    if (found) for (const hash of found) hit(hash);
    i = found ? end : i + 1;
  }
}
