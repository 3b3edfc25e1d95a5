import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('sends an item alone when nothing is in flight, and gathers the waiting ones into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((i) => i * 10);
      },
      3,
      1,
    );
    const first = batcher.submit(1);
    const rest = [2, 3, 4, 5].map((i) => batcher.submit(i));
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('fails only the item whose result is an error, and every item when the batch itself fails', async () => {
    const picky = new Batcher<number, number>(async (items) => items.map((i) => (i === 2 ? new Error('two') : i)), 10, 1);
    const settled = await Promise.allSettled([1, 2, 3].map((i) => picky.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const broken = new Batcher<number, number>(async () => Promise.reject(new Error('down')), 10, 2);
    await expect(broken.submit(1)).rejects.toThrow('down');
    // The slot is freed after a failure: later items still go out.
    await expect(broken.submit(2)).rejects.toThrow('down');
  });
});
