export { isSafeLink, MAX_BLOCK_DEPTH, markdownImages, markdownProblems, parseMarkdown, type MarkdownProblem } from './parse.js';
export * from './blocks.js';
