import { z } from 'zod';
import { AREA_LEVELS } from '../codes.js';
import { humanName } from './common.js';
import { AreaGeometry } from './geojson.js';

export const AreaLevelSchema = z.enum(AREA_LEVELS);
export const AreaCode = z.string().regex(/^\d{6,20}$/, 'area code is 6 to 20 digits (行政区划代码 style)');

export const AreaRef = z.object({ code: z.string(), name: z.string(), level: AreaLevelSchema });
export type AreaRef = z.infer<typeof AreaRef>;

export const AreaSummary = AreaRef.extend({
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
});
export type AreaSummary = z.infer<typeof AreaSummary>;

export const AreaDetail = AreaSummary.extend({
  geometry: AreaGeometry.nullable(),
  center: z.tuple([z.number(), z.number()]).nullable().describe('[lon, lat] of the bounding box centre'),
  ancestors: z.array(AreaRef).describe('From the top of the viewer’s scope down to the parent'),
});
export type AreaDetail = z.infer<typeof AreaDetail>;

export const AreaCreate = z.strictObject({
  code: AreaCode,
  name: humanName(60),
  level: AreaLevelSchema,
  parentCode: AreaCode,
  geometry: AreaGeometry.optional(),
});
export type AreaCreate = z.infer<typeof AreaCreate>;

export const AreaUpdate = z.strictObject({
  name: humanName(60).optional(),
  geometry: AreaGeometry.nullable().optional(),
});
export type AreaUpdate = z.infer<typeof AreaUpdate>;

export const AreaFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({ code: z.string(), name: z.string(), level: AreaLevelSchema, parentCode: z.string().nullable() }),
  geometry: AreaGeometry,
});
export const AreaFeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(AreaFeature) });
export type AreaFeatureCollection = z.infer<typeof AreaFeatureCollection>;

/** Import: a GeoJSON FeatureCollection whose features carry code, name, level and parentCode. */
export const AreaImport = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.strictObject({
        type: z.literal('Feature'),
        id: z.union([z.string().max(200), z.number()]).optional(),
        properties: z.strictObject({ code: AreaCode, name: humanName(60), level: AreaLevelSchema, parentCode: AreaCode }),
        geometry: AreaGeometry,
      }),
    )
    .min(1)
    .max(50000),
});
export type AreaImport = z.infer<typeof AreaImport>;
export const AreaImportResult = z.object({ created: z.number().int(), updated: z.number().int() });

export const ResolveQuery = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});
export const ResolveResult = z.object({
  grid: AreaRef.nullable(),
  ancestors: z.array(AreaRef),
  reason: z.enum(['NO_GRID']).optional().describe('Set when the point lies outside every grid'),
});
export type ResolveResult = z.infer<typeof ResolveResult>;
