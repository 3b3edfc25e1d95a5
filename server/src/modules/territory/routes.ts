import { z } from 'zod';
import {
  AreaCode,
  AreaCreate,
  AreaDetail,
  AreaFeatureCollection,
  AreaImport,
  AreaImportResult,
  AreaSummary,
  AreaUpdate,
  ResolveQuery,
  ResolveResult,
} from '@fengqiao/shared';
import { ctxOf, type ApiModule } from '../../platform/http/app.js';
import { gridLocatorFor } from './grid-locator.js';
import * as territory from './service.js';

const CodeParams = z.strictObject({ code: AreaCode });
const tags = ['territory 区域网格'];

export const territoryRoutes: ApiModule = (app, deps) => {
  const locator = gridLocatorFor(deps.db);

  app.get('/api/areas/resolve', {
    config: { policy: 'area.read' },
    schema: { tags, summary: 'Find the grid containing a lon/lat point', querystring: ResolveQuery, response: { 200: ResolveResult } },
    handler: (req) => territory.resolvePoint(ctxOf(req, deps), locator, req.query.lon, req.query.lat),
  });

  app.get('/api/areas/:code', {
    config: { policy: 'area.read' },
    schema: { tags, summary: 'One area with its polygon and visible ancestors', params: CodeParams, response: { 200: AreaDetail } },
    handler: (req) => territory.getArea(ctxOf(req, deps), req.params.code),
  });

  app.get('/api/areas/:code/children', {
    config: { policy: 'area.read' },
    schema: { tags, summary: 'Direct children of an area', params: CodeParams, response: { 200: z.array(AreaSummary) } },
    handler: (req) => territory.listChildAreas(ctxOf(req, deps), req.params.code),
  });

  app.get('/api/areas/:code/grids', {
    config: { policy: 'area.read' },
    schema: { tags, summary: 'Grid polygons under an area (GeoJSON)', params: CodeParams, response: { 200: AreaFeatureCollection } },
    handler: (req) => territory.listGridFeatures(ctxOf(req, deps), req.params.code),
  });

  app.post('/api/areas', {
    config: { policy: 'area.write' },
    schema: { tags, summary: 'Create an area under a parent', body: AreaCreate, response: { 201: AreaDetail } },
    handler: async (req, reply) => reply.status(201).send(await territory.createArea(ctxOf(req, deps), locator, req.body)),
  });

  app.patch('/api/areas/:code', {
    config: { policy: 'area.write' },
    schema: { tags, summary: 'Rename an area or replace its polygon', params: CodeParams, body: AreaUpdate, response: { 200: AreaDetail } },
    handler: (req) => territory.updateArea(ctxOf(req, deps), locator, req.params.code, req.body),
  });

  app.post('/api/areas/import', {
    config: { policy: 'area.write' },
    bodyLimit: 50 * 1024 * 1024,
    schema: { tags, summary: 'Import areas/grids from a GeoJSON FeatureCollection (all or nothing)', body: AreaImport, response: { 200: AreaImportResult } },
    handler: (req) => territory.importAreas(ctxOf(req, deps), locator, req.body),
  });
};
