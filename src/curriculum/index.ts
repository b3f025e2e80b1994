export { loadCurriculum, parseAndValidate, type LoadOptions, type TextProblem, imageProblem, CURRICULUM_FILE, MODULES_DIR, type Curriculum, type Module } from './load.js';
export { UserError, fail, diagnostic, formatDiagnostic, formatLocation, formatProblem, sortDiagnostics, didYouMean, type Diagnostic } from './diagnostics.js';
export { parseLocatedYaml, type LocatedYaml } from './located-yaml.js';
export { displayPath, readTextFile, resolveInside, isWithin, LIMITS } from './source-file.js';
export { jsonSchema } from './schema.js';
export type * from './schema.js';
export { unwrapSchema } from './zod-issues.js';
