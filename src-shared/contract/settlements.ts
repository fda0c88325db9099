/** Channels of this slice of the contract; see index.ts for how slices compose. */
export const settlementChannels = {};
