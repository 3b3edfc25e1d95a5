// What may be uploaded, and how to tell the bytes really are that type (the declared
// Content-Type is the client's claim; the magic bytes are the evidence).

export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'application/pdf'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const ascii = (b: Buffer, start: number, text: string) => b.length >= start + text.length && b.toString('latin1', start, start + text.length) === text;

const SIGNATURES: Record<UploadType, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  // ISO base media file: a box whose type is "ftyp" comes first.
  'video/mp4': (b) => ascii(b, 4, 'ftyp'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
};

export function isUploadType(mime: string): mime is UploadType {
  return (UPLOAD_TYPES as readonly string[]).includes(mime);
}

/** The upload type the bytes actually are, or null. */
export function sniff(data: Buffer): UploadType | null {
  for (const type of UPLOAD_TYPES) if (SIGNATURES[type](data)) return type;
  return null;
}

export const isImage = (mime: string) => mime.startsWith('image/');

/** A file name safe to store and show: no path, no control characters, bounded, with a fallback. */
export function cleanFileName(given: string | undefined, mime: UploadType): string {
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'application/pdf': 'pdf' }[mime];
  // eslint-disable-next-line no-control-regex
  const base = (given ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f<>"]/g, '').trim().slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : `file.${ext}`;
}

/** `inline; filename="ascii"; filename*=UTF-8''…` (RFC 6266), so Chinese names survive. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
