export * from './codes.js';
export * from './schemas/common.js';
export * from './schemas/geojson.js';
export * from './schemas/area.js';
export * from './schemas/org.js';
export * from './schemas/user.js';
export * from './schemas/auth.js';
