// Timing helpers: wall time, this process's CPU time (user + system) and its peak RSS.
import { performance } from 'node:perf_hooks';
import { cpuUsage, memoryUsage, resourceUsage } from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `fn` once and answers its wall and CPU time in ms, with whatever it returned. */
export const measure = async (fn) => {
  const cpu0 = cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, value };
};

/** This process's peak resident set so far, in MB (getrusage's ru_maxrss). */
export const peakRssMb = () => resourceUsage().maxRSS / 1024;

/** The resident set now, in MB. */
export const rssMb = () => memoryUsage().rss / 1e6;

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Lets pending callbacks and promises run (and GC a little) between measured runs. */
export const settle = () => sleep(50);
