// Public entry of the REST helpers.
export { fetchJson, ApiError, isForbidden } from './fetch-json';
