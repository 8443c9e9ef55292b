/** The published contracts (being written). */
export {};
