// Public entry of the REST helpers.
export { fetchJson, buildUrl, ApiError } from './fetch-json';
export type { QueryValue } from './fetch-json';
