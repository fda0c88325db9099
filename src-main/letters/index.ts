/** Printed letters to borrowers: template → printable HTML → PDF, filed with the case (issue: communications). */
export { fileLetter, LETTER_KINDS, letterDates, printLetter, type LetterKind, type LetterRequest, type PrintedLetter } from './print-letter';
export { renderLetterHtml, type LetterDocumentOptions, type PageSize } from './letter-document';
export type { LetterPdfRenderer } from './pdf-renderer';
