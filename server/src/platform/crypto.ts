import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal data at rest (phone numbers, ID numbers, health notes):
 * AES-256-GCM, stored as "v1.<iv>.<tag>.<ciphertext>" in base64url.
 */
export class FieldCipher {
  private readonly key: Buffer;
  private readonly lookupKey: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes (base64-encoded)');
    this.key = key;
    // A key of its own for look-up hashes (HKDF from the secret key), never the encryption key itself.
    this.lookupKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'fengqiao lookup hash v1', 32));
  }
  /**
   * Deterministic HMAC-SHA256 (hex) of a value, keyed from the secret key: finds a record by a
   * personal value (a mobile number) without storing the value in clear. Normalize before hashing.
   */
  lookupHash(text: string): string {
    return crypto.createHmac('sha256', this.lookupKey).update(text, 'utf8').digest('hex');
  }
  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }
  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** SECRET_KEY when given; otherwise a key generated once and kept in DATA_DIR/secret.key (mode 600). */
export function loadSecretKey(secretKey: string | null, dataDir: string): Buffer {
  if (secretKey) return Buffer.from(secretKey, 'base64');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}` : '*'.repeat(phone.length);
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
