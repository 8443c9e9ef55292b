// Running a measuring process on one core: pinned to the last CPU with taskset, where taskset exists.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** The CPU measuring processes are pinned to: the last one. */
export const pinnedCpu = String(cpus().length - 1);

let tasksetFound;
/** Whether taskset can pin a process here (Linux with util-linux), checked once. */
export const hasTaskset = () => {
  if (tasksetFound === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetFound = true;
    } catch {
      tasksetFound = false;
    }
  }
  return tasksetFound;
};

/** A command (file and arguments) run on one core: under taskset when it exists, else as given; `pinned` says which. */
export const onOneCore = (file, args) => (hasTaskset() ? { file: 'taskset', args: ['-c', pinnedCpu, file, ...args], pinned: true } : { file, args, pinned: false });
