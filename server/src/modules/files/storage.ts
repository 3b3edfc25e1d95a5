import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Content-addressed blobs on disk: `<root>/ab/cd/<sha256>`. A blob is written to a temporary
 * file and renamed into place, so a reader never sees half a file and two writers of the same
 * content do not clash; content already stored is not written again.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  static sha256(data: Buffer): string {
    return crypto.createHash('sha256').update(data).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores the bytes and returns their sha256. */
  async put(data: Buffer): Promise<string> {
    const sha = BlobStore.sha256(data);
    const target = this.pathOf(sha);
    if (await exists(target)) return sha;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, data, { flag: 'wx' });
      await fs.promises.rename(temp, target);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return sha;
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  stream(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
