// node bench/lib/gen.mjs <size> [seed]: writes (or finds) the cached dataset and describes it.
import { describeDataset, ensureDataset, parseSize } from './dataset.mjs';

const path = await ensureDataset(parseSize(process.argv[2] ?? '1m'), Number(process.argv[3] ?? 1), (line) => console.error(line));
console.log(JSON.stringify({ path, ...describeDataset(path) }));
