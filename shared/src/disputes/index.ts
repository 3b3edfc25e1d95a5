export * from './codes.js';
export * from './machine.js';
export * from './id-numbers.js';
export * from './schemas.js';
export * from './screening.js';
export * from './meetings.js';
export * from './stats.js';
