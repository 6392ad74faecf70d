// Public entry of @vigie/axialys-client: the factory, the normalised model and the typed errors.
export { OPERATORS_INIT_MIN_INTERVAL_MS, createAxialysClient } from './client';
export { seedOperatorsInitBudget } from './throttle';
export type * from './model';
export * from './errors';
