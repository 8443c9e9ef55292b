/** The HTTP service (being written). */
export {};
