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
