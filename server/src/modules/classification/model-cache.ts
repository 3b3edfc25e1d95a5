import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ClassifierModel } from '../text/classifier/classifier.js';
import { deserializeModel } from '../text/classifier/model-io.js';
import { latestModelHead, modelJson } from './repository.js';

/** How stale this process's idea of "the latest model" may be; other processes' trainings show within it. */
const CHECK_MS = 10_000;

export interface LoadedModel {
  id: string;
  model: ClassifierModel;
}

/**
 * The model in use, kept in memory per process (loading one takes ~15 ms and a few MB). At most
 * every CHECK_MS it asks for the latest model's id (one index probe) and loads it when it is new;
 * a training in this process calls invalidate() so its model answers at once.
 */
export class ModelCache {
  private current: LoadedModel | null = null;
  /** A stored model this code cannot read (saved by another version): answered as "no model". */
  private unreadableId: string | null = null;
  private checkedAt = 0;
  private pending: Promise<LoadedModel | null> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  invalidate(): void {
    this.checkedAt = 0;
  }

  /** The latest model, or null when none is stored or it cannot be read. */
  get(): Promise<LoadedModel | null> {
    if (Date.now() - this.checkedAt < CHECK_MS) return Promise.resolve(this.current);
    this.pending ??= this.refresh().finally(() => (this.pending = null));
    return this.pending;
  }

  /** True when the latest stored model exists but could not be loaded (a retrain replaces it). */
  async latestUnreadable(): Promise<boolean> {
    await this.get();
    return this.unreadableId !== null;
  }

  private async refresh(): Promise<LoadedModel | null> {
    const head = await latestModelHead(this.db);
    this.checkedAt = Date.now();
    if (!head) {
      this.current = null;
      this.unreadableId = null;
    } else if (head.id !== this.current?.id && head.id !== this.unreadableId) {
      const json = await modelJson(this.db, head.id);
      try {
        this.current = json === undefined ? null : { id: head.id, model: deserializeModel(json) };
        this.unreadableId = null;
      } catch {
        // Saved by a version of the classifier this code cannot read: keywords answer until a retrain.
        this.current = null;
        this.unreadableId = head.id;
      }
    }
    return this.current;
  }
}

const caches = new WeakMap<Kysely<DB>, ModelCache>();

/** The cache of this database (tests run several databases in one process). */
export function modelCacheFor(db: Kysely<DB>): ModelCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ModelCache(db);
    caches.set(db, cache);
  }
  return cache;
}
