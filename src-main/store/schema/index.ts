export * from './people';
export * from './loans';
export * from './cases';
export * from './operations';
export * from './communications';
export * from './ledger';
export * from './templates';
