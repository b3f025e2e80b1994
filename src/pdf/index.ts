export { createDocument, A4, SLIDE_16_9, portrait, landscape, pageOptions, type Doc, type DocumentMeta, type DocumentOptions, type PageSpec, type Margins } from './document.js';
export { Typesetter, LayoutError, imageSize, collectToc, type TocEntry, type ComponentRenderer, type HeadingRecord, type TypesetterOptions } from './typesetter.js';
export { font, textWidth, FONT_NAMES, MissingGlyphs, cleanText, type FontKey } from './fonts.js';
export { breakLines, type Line, type StyledRun } from './text.js';
export { defaultTheme, scaledTheme, type Theme } from './theme.js';
export { builtinComponents, drawFurniture, fitText, type Furniture } from './components.js';
