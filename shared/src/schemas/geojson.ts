import { z } from 'zod';

// GeoJSON (RFC 7946) geometry for area boundaries: Polygon or MultiPolygon in WGS84 lon/lat.
const Position = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[longitude, latitude]');

const LinearRing = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .max(20000)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], 'a ring must be closed (first position = last position)');

export const PolygonGeometry = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1).max(100),
});
export const MultiPolygonGeometry = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1).max(100)).min(1).max(1000),
});
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;
