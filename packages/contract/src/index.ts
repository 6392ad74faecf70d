// Public entry of the BFF↔browser contract: schemas (TypeBox, so they are JSON Schema) and types.
export * from './snapshot';
export * from './routes';
export * from './period';
export * from './intelligence';
export * from './auth';
export * from './patch';
export * from './stream';
export * from './settings';
