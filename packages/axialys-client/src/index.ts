// Public entry of @vigie/axialys-client: the factory, the normalised model and the typed errors.
export { createAxialysClient } from './client';
export { seedOperatorsInitBudget } from './throttle';
export type * from './model';
export * from './errors';
