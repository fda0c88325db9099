import packageJson from '../package.json' with { type: 'json' };

/** The relay ships with the app and carries its version. */
export const RELAY_VERSION: string = packageJson.version;
