#!/usr/bin/env node
// The jamsos command. Run `pnpm build` first; see `jamsos --help`.
import('../dist/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    console.error('jamsos is not built yet: run `pnpm build` in the repository first.');
    process.exit(2);
  }
  throw error;
});
