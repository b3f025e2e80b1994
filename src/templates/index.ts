export { TemplateEngine, BUILTIN_TEMPLATES } from './engine.js';
export { escapeMarkdown } from './helpers.js';
export { viewOf } from './view.js';
