export * from './codes.js';
export * from './machine.js';
export * from './schemas.js';
export * from './channels.js';
export * from './text-checks.js';
