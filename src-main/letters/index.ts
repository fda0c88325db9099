/** Printed letters to borrowers: template → printable HTML → PDF, filed with the case (issue: communications). */
export { fileLetter, generateLetter, LETTER_KINDS, letterDates, printLetter, type GeneratedLetter, type LetterKind, type LetterRequest, type PrintedLetter } from './generate-letter';
export { renderLetterHtml, type LetterDocumentOptions, type PageSize } from './letter-document';
export { chromiumPdfRenderer, type ChromiumPdfOptions, type LetterPdfRenderer } from './pdf-renderer';
