// Public entry of the REST helpers.
export { fetchJson, buildUrl, ApiError, isUnauthorised, isForbidden } from './fetch-json';
export type { FetchJsonOptions, QueryValue } from './fetch-json';
