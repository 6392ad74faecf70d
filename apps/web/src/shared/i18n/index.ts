// Public entry of i18n: setup, namespace registration and formatting.
export { i18n, registerNamespace, currentLanguage, LANGUAGES } from './i18n';
export type { Language, Resources } from './i18n';
export * from './format';
export { useFormat } from './use-format';
