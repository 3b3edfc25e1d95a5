// 320px JPEG thumbnails of uploaded images, made with sharp (libvips, shipped prebuilt in the
// npm package). If sharp cannot be loaded on a machine, uploads still work without thumbnails.

export const THUMBNAIL_SIZE = 320;

type SharpModule = typeof import('sharp');
let loading: Promise<SharpModule['default'] | null> | null = null;

function loadSharp() {
  loading ??= import('sharp').then(
    (m) => m.default,
    (err: unknown) => {
      console.warn(`sharp unavailable, images get no thumbnails: ${String(err)}`);
      return null;
    },
  );
  return loading;
}

export class UndecodableImage extends Error {}

/** A JPEG at most 320×320 (aspect kept, EXIF orientation applied), or null when sharp is missing. */
export async function makeThumbnail(image: Buffer): Promise<Buffer | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    return await sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch (err) {
    throw new UndecodableImage(String(err));
  }
}

/** Longest side of an image shown to the public. */
export const PUBLIC_COPY_SIZE = 1600;

/**
 * A copy of an image fit to show anyone: re-encoded as JPEG at most 1600px, orientation applied,
 * and without the EXIF/XMP metadata a phone writes (GPS position, device, time), which sharp drops
 * unless asked to keep it. Null when sharp is missing: then there is no safe copy to show.
 */
export async function makePublicCopy(image: Buffer): Promise<Buffer | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    return await sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(PUBLIC_COPY_SIZE, PUBLIC_COPY_SIZE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch (err) {
    throw new UndecodableImage(String(err));
  }
}
