export * from './format.js';
export { labelsFor, type Labels } from './labels.js';
