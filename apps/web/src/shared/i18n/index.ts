// Public entry of i18n: setup, namespace registration and formatting.
export { registerNamespace } from './i18n';
export * from './format';
export { useFormat } from './use-format';
