export { parseMarkdown } from './parse.js';
export * from './blocks.js';
