/** Message and letter templates (DESIGN §1 `templates/`): the one entry point for senders and screens. */
export { renderMessage, type RenderRequest, type RenderedMessage } from './render';
export { listTemplates, templatesDir, TEMPLATE_VARIABLES, type TemplateInfo } from './catalog';
export { smsSegments, type SmsSegments } from './segments';
export type { TemplateValue, TemplateVariables } from './engine';
