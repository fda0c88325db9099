/** Printed letters to borrowers: template → printable HTML → PDF, filed with the case (issue: communications). */
export { generateLetter, LETTER_KINDS, type GenerateLetterRequest, type GeneratedLetter, type LetterKind } from './generate-letter';
export { renderLetterHtml, type LetterDocumentOptions, type PageSize } from './letter-document';
export { chromiumPdfRenderer, type ChromiumPdfOptions, type LetterPdfRenderer } from './pdf-renderer';
