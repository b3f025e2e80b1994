export { createDocument, A4, SLIDE_16_9, portrait, landscape, type DocumentMeta, type DocumentOptions, type PageSpec, type Margins } from './document.js';
export { Canvas, PathBuilder, type TextRun, type StrokeStyle } from './canvas.js';
export { Typesetter, LayoutError, imageSize, collectToc, type TocEntry, type ComponentRenderer, type HeadingRecord, type TypesetterOptions } from './typesetter.js';
export { ascent, fontKeyFor, type FontKey } from './fonts.js';
export { textWidth, faceRuns, typographic, MissingGlyphs, cleanText, type FaceRun } from './glyphs.js';
export { breakLines, type Line, type StyledRun } from './text.js';
export { defaultTheme, scaledTheme, type Theme } from './theme.js';
export { builtinComponents, drawFurniture, edgeTexts, fitText, type Furniture } from './components.js';
