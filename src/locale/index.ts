export * from './format.js';
export { labelsFor, pageOfText, type Labels } from './labels.js';
export { diffLabels, type DiffLabels } from './diff-labels.js';
export { cleanText } from './text.js';
export { terbilang, terbilangRupiah, formatRupiah, TERBILANG_MAX } from './terbilang.js';
export { paperworkLabels, type PaperworkLabels } from './paperwork-labels.js';
